import { afterEach, describe, expect, it } from "vitest";
import { IngestThread } from "../src/background/ingest-thread.js";
import { loadConfig } from "../src/config.js";
import type { Store } from "../src/db/store.js";
import { createLogger } from "../src/log.js";
import { normalizeEvent, webhookEventSchema, type ZaloEvent } from "../src/zalo/events.js";
import { openTestStore } from "../../test/support/database.js";
import { localEnv, textEvent, userId } from "../../test/support/server.js";

let ingest: IngestThread | undefined;
let db: Store | undefined;
afterEach(async () => {
  await ingest?.stop();
  await db?.close();
  ingest = db = undefined;
});

function event(n: number, text: string): { event: ZaloEvent; raw: string } {
  const raw = JSON.stringify(textEvent(userId(n), text));
  return { event: normalizeEvent(webhookEventSchema.parse(JSON.parse(raw))), raw };
}

async function start() {
  const env = localEnv();
  const config = loadConfig(env);
  db = await openTestStore(env); // the same database, migrated here first, as the server does
  let storedCalls = 0;
  ingest = new IngestThread({ config }, createLogger("silent"), () => storedCalls++);
  await ingest.start();
  return { db, ingest, storedCalls: () => storedCalls };
}

describe("ingest thread", () => {
  it("stores concurrent events durably, each once, and answers each request with its own row", async () => {
    const { db, ingest, storedCalls } = await start();
    const events = Array.from({ length: 50 }, (_, i) => event(700 + i, `tin ${i}: chào bạn 👋 Đà Nẵng`));
    const ids = await Promise.all(events.map((e) => ingest.store(e.event, e.raw)));
    expect(new Set(ids).size).toBe(50);
    const rows = await db.all<{ id: number; raw: string }>("SELECT id, raw FROM inbox ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([...ids].sort((a, b) => a! - b!));
    for (const [i, id] of ids.entries()) expect(rows.find((r) => r.id === id)?.raw).toBe(events[i]!.raw);
    // Fifty requests read in one turn travel as one batch: one commit, one wake-up for the handlers.
    expect(storedCalls()).toBe(1);
    expect(ingest.gate.busy()).toBe(false);
  });

  it("answers a redelivery with null and wakes no one for it", async () => {
    const { db, ingest, storedCalls } = await start();
    const e = event(800, "gửi hai lần");
    const first = await ingest.store(e.event, e.raw);
    expect(first).toBeGreaterThan(0);
    const again = await Promise.all([ingest.store(e.event, e.raw), ingest.store(e.event, e.raw)]);
    expect(again).toEqual([null, null]);
    expect(await db.value("SELECT COUNT(*) FROM inbox")).toBe(1);
    expect(storedCalls()).toBe(1);
  });

  it("answers the stores under way before it stops, and refuses new ones after", async () => {
    const { db, ingest } = await start();
    const e = event(900, "ngay trước khi dừng");
    const stored = ingest.store(e.event, e.raw);
    await ingest.stop();
    expect(await stored).toBeGreaterThan(0);
    expect(await db.value("SELECT COUNT(*) FROM inbox")).toBe(1);
    const late = event(901, "sau khi dừng");
    await expect(ingest.store(late.event, late.raw)).rejects.toThrow(/not running/);
  });
});
