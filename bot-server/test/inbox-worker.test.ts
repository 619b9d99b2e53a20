import { afterEach, describe, expect, it } from "vitest";
import type { WriterGate } from "../src/pipeline/store-gate.js";
import { InboxWorker } from "../src/pipeline/inbox-worker.js";
import { migrate } from "../src/db/migrate.js";
import { openSqlite } from "../src/db/open.js";
import { SqliteStore } from "../src/db/sqlite-store.js";
import { createLogger } from "../src/log.js";
import { Outbox } from "../src/pipeline/outbox.js";
import { Inbox } from "../src/pipeline/inbox.js";
import { normalizeEvent, webhookEventSchema } from "../src/zalo/events.js";
import { FakeClock } from "../../test/support/learning.js";
import { tempDbPath, textEvent, userId } from "../../test/support/server.js";

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** Busy for at least `ms`: a handler that really takes this long. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

async function setup(handlerMs: number, storeGate?: WriterGate, batchBudgetMs?: number) {
  // SQLite on both passes: batches and their time budget exist for SQLite's one write lock, which a
  // batch holds; on a shared store (PostgreSQL) a batch is one event, so there is nothing to measure.
  store = new SqliteStore(openSqlite(tempDbPath()));
  await migrate(store);
  const clock = new FakeClock();
  const inbox = new Inbox(store, clock);
  const outbox = new Outbox(store, clock);
  const handled: number[] = [];
  const worker = new InboxWorker({
    store,
    inbox,
    outbox,
    handlerFor: () => async (_event, inboxId) => {
      busy(handlerMs);
      handled.push(inboxId);
    },
    log: createLogger("silent"),
    storeGate,
    batchBudgetMs,
  });
  for (let i = 0; i < 16; i++) {
    const raw = JSON.stringify(textEvent(userId(900 + i), `tin số ${i} 🙂`));
    await inbox.store(normalizeEvent(webhookEventSchema.parse(JSON.parse(raw))), raw);
  }
  return { worker, inbox, handled };
}

describe("inbox worker batches", () => {
  it("handles up to 16 events in one batch while time allows", async () => {
    // An unlimited time budget: only the batch size ends it, however busy the machine is.
    const { worker, handled } = await setup(0, undefined, Number.POSITIVE_INFINITY);
    expect(await worker.processPending()).toBe(16);
    expect(handled).toHaveLength(16);
  });

  it("ends a batch when slow handlers use up its time, leaving the rest pending in order", async () => {
    const { worker, inbox, handled } = await setup(4);
    const first = await worker.processPending();
    // Two 4 ms handlers exceed the 5 ms budget: the batch stops there so webhook requests get their turn.
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(2);
    expect(await inbox.pending(100)).toHaveLength(16 - first);
    while ((await worker.processPending()) > 0);
    expect(handled).toHaveLength(16);
    expect([...handled].sort((a, b) => a - b)).toEqual(handled); // oldest first, each once
    expect(await inbox.pending(100)).toHaveLength(0);
  });

  it("gives way after the event in hand while webhook events wait to be stored", async () => {
    let waiting = true;
    const { worker, inbox, handled } = await setup(0, { busy: () => waiting, clear: async () => {} });
    expect(await worker.processPending()).toBe(1);
    expect(await worker.processPending()).toBe(1);
    expect(await inbox.pending(100)).toHaveLength(14);
    // Nothing waits any more: the rest goes in one batch again.
    waiting = false;
    expect(await worker.processPending()).toBe(14);
    expect(handled).toHaveLength(16);
  });
});
