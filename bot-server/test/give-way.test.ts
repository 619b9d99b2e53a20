import { afterEach, describe, expect, it } from "vitest";
import { createProcessing, type Processing } from "../src/background/processing.js";
import { StoreGate } from "../src/pipeline/store-gate.js";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openStore } from "../src/db/open.js";
import type { Store } from "../src/db/store.js";
import { createLogger } from "../src/log.js";
import { normalizeEvent, webhookEventSchema } from "../src/zalo/events.js";
import { tokenStoreFor } from "../src/zalo/tokens.js";
import { FakeZalo } from "../../test/support/fake-zalo.js";
import { content } from "../../test/support/learning.js";
import { realEnv, tempDbPath, textEvent, userId } from "../../test/support/server.js";

let fake: FakeZalo | undefined;
let processing: Processing | undefined;
let store: Store | undefined;
afterEach(async () => {
  await processing?.stop();
  await store?.close();
  await fake?.stop();
  fake = processing = store = undefined;
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("store gate", () => {
  it("wakes a waiting writer as soon as the last batch is stored, not at its time limit", async () => {
    const gate = new StoreGate();
    gate.enter();
    gate.enter();
    const started = performance.now();
    const cleared = gate.clear(10_000);
    gate.leave();
    await pause(20);
    expect(gate.busy()).toBe(true); // one batch still on its way
    gate.leave();
    await cleared;
    expect(gate.busy()).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("lets a writer go on after its time limit while the gate stays busy", async () => {
    const gate = new StoreGate();
    gate.enter();
    await gate.clear(5);
    expect(gate.busy()).toBe(true);
  });
});

/**
 * While webhook events are being stored (their commits need the write lock and a request waits on
 * each), the handlers and the dispatcher start no new work; they resume when the gate clears.
 */
describe("background writers give way to webhook stores", () => {
  it("handles no event and claims no message while the gate is busy, then catches up", async () => {
    fake = await new FakeZalo().start();
    // A SQLite file on both passes: the gate exists for SQLite's one write lock (a shared store has none,
    // and the processing thread gets no gate there).
    const config = loadConfig(realEnv(fake, { DATABASE_URL: "", DATABASE_PATH: tempDbPath() }));
    store = await openStore(config, { synchronous: "NORMAL" });
    const log = createLogger("silent");
    await tokenStoreFor(store, config, systemClock, log).seed(config.ZALO_OA_ACCESS_TOKEN, config.ZALO_OA_REFRESH_TOKEN);
    // A gate that stays busy until the test opens it (a real one lets writers go on after 5 ms).
    let busy = true;
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    processing = createProcessing({
      store,
      config,
      clock: systemClock,
      log,
      apiBase: fake.url,
      simulator: false,
      content: content(),
      scheduler: "manual",
      storeGate: { busy: () => busy, clear: () => opened },
    });
    const raw = JSON.stringify(textEvent(userId(60), "trợ giúp"));
    await processing.inbox.store(normalizeEvent(webhookEventSchema.parse(JSON.parse(raw))), raw);
    await processing.outbox.enqueue(userId(61), { type: "text", text: "tin đã xếp hàng từ trước" }, { kind: "reply" });
    processing.start();
    await pause(150);
    expect(await processing.inbox.pending(10)).toHaveLength(1);
    expect(fake.sendRequests).toHaveLength(0);

    busy = false;
    open();
    await fake.waitFor(() => fake!.textsFor(userId(61)).length === 1 && fake!.textsFor(userId(60)).length > 0, 5000, "both after the stores");
    expect(await processing.inbox.pending(10)).toHaveLength(0);
  });
});
