import { afterEach, describe, expect, it } from "vitest";
import { createProcessing, type Processing } from "../src/background/processing.js";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type Db } from "../src/db/open.js";
import { createLogger } from "../src/log.js";
import { normalizeEvent, webhookEventSchema } from "../src/zalo/events.js";
import { tokenStoreFor } from "../src/zalo/tokens.js";
import { FakeZalo } from "../../test/support/fake-zalo.js";
import { content } from "../../test/support/learning.js";
import { realEnv, textEvent, userId } from "../../test/support/server.js";

let fake: FakeZalo | undefined;
let processing: Processing | undefined;
let db: Db | undefined;
afterEach(async () => {
  await processing?.stop();
  db?.close();
  await fake?.stop();
  fake = processing = db = undefined;
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * While webhook events are being stored (their commits need the write lock and a request waits on
 * each), the handlers and the dispatcher do not start new work; they resume as soon as the stores end.
 */
describe("background writers give way to webhook stores", () => {
  it("handles no event and claims no message while stores wait, then catches up", async () => {
    fake = await new FakeZalo().start();
    const config = loadConfig(realEnv(fake));
    db = openDatabase(config.DATABASE_PATH, { synchronous: "NORMAL" });
    const log = createLogger("silent");
    tokenStoreFor(db, config, systemClock, log).seed(config.ZALO_OA_ACCESS_TOKEN, config.ZALO_OA_REFRESH_TOKEN);
    let storesWaiting = true;
    processing = createProcessing({
      db,
      config,
      clock: systemClock,
      log,
      apiBase: fake.url,
      simulator: false,
      content: content(),
      scheduler: "manual",
      storesWaiting: () => storesWaiting,
    });
    const raw = JSON.stringify(textEvent(userId(60), "trợ giúp"));
    await processing.inbox.store(normalizeEvent(webhookEventSchema.parse(JSON.parse(raw))), raw);
    processing.outbox.enqueue(userId(61), { type: "text", text: "tin đã xếp hàng từ trước" }, { kind: "reply" });
    processing.start();
    await pause(150);
    expect(processing.inbox.pending(10)).toHaveLength(1);
    expect(fake.sendRequests).toHaveLength(0);

    storesWaiting = false;
    await fake.waitFor(() => fake!.textsFor(userId(61)).length === 1 && fake!.textsFor(userId(60)).length > 0, 5000, "both after the stores");
    expect(processing.inbox.pending(10)).toHaveLength(0);
  });
});
