import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { OperatorAlerts } from "../src/ops/alerts.js";
import { BAD_SIGNATURE_ALERT, SignatureWatch } from "../src/zalo/signature-watch.js";
import { FakeClock } from "../../test/support/learning.js";
import { freshDatabaseEnv, openTestStore } from "../../test/support/database.js";

const MINUTE = 60_000;

/** A logger whose JSON lines land in an array. */
function capturedLog() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const log = createLogger("info", { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines, errors: () => lines.filter((l) => l.level >= 50), warnings: () => lines.filter((l) => l.level === 40) };
}

async function fixture() {
  const clock = new FakeClock();
  const env = freshDatabaseEnv();
  const store = await openTestStore(env);
  const captured = capturedLog();
  return { clock, env, store, ...captured, alerts: new OperatorAlerts(store, clock, captured.log) };
}

describe("operator alerts", () => {
  it("are raised once per kind, however often the cause repeats, and logged once at error level", async () => {
    const f = await fixture();
    const raised: boolean[] = [];
    for (let i = 0; i < 50; i++) raised.push(await f.alerts.raise("zalo_paid_feature", "Top up the Zalo Cloud account.", 6 * 60 * MINUTE));
    expect(raised.filter(Boolean)).toHaveLength(1);
    expect(f.errors().map((l) => l.msg)).toEqual(["operator alert: Top up the Zalo Cloud account."]);
    expect(await f.alerts.list()).toEqual([{ kind: "zalo_paid_feature", since: f.clock.now().toISOString(), message: "Top up the Zalo Cloud account." }]);
    expect(await f.store.value("SELECT seen FROM operator_alerts")).toBe(50);
  });

  it("expire after their lifetime; the cause seen again then raises (and logs) a fresh one", async () => {
    const f = await fixture();
    await f.alerts.raise("zalo_paid_feature", "m", 6 * 60 * MINUTE);
    f.clock.advance(6 * 60 * MINUTE - 1);
    expect(await f.alerts.active("zalo_paid_feature")).toBeDefined();
    f.clock.advance(1);
    expect(await f.alerts.active("zalo_paid_feature")).toBeUndefined();
    expect(await f.alerts.list()).toEqual([]);
    expect(await f.alerts.raise("zalo_paid_feature", "m", 6 * 60 * MINUTE)).toBe(true);
    expect((await f.alerts.active("zalo_paid_feature"))?.since).toBe(f.clock.now().toISOString());
    expect(f.errors()).toHaveLength(2);
  });

  it("without a lifetime stand until cleared; kinds are independent", async () => {
    const f = await fixture();
    await f.alerts.raise("webhook_bad_signatures", "check the key");
    await f.alerts.raise("zalo_paid_feature", "top up", MINUTE);
    f.clock.advance(30 * 24 * 60 * MINUTE);
    expect((await f.alerts.list()).map((a) => a.kind)).toEqual(["webhook_bad_signatures"]);
    expect(await f.alerts.clear("webhook_bad_signatures")).toBe(true);
    expect(await f.alerts.clear("webhook_bad_signatures")).toBe(false);
    expect(await f.alerts.list()).toEqual([]);
  });

  it("are seen by another connection to the same file (the HTTP thread reads what processing raised)", async () => {
    const f = await fixture();
    await f.alerts.raise("zalo_paid_feature", "top up", MINUTE);
    const other = await openTestStore(f.env);
    expect((await new OperatorAlerts(other, f.clock).active("zalo_paid_feature"))?.message).toBe("top up");
    await other.close();
  });

  it("raised at the same moment from several connections, are raised once and every sighting counted", async () => {
    const f = await fixture();
    const other = new OperatorAlerts(await openTestStore(f.env), f.clock);
    const raised = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : f.alerts).raise("zalo_oa_not_verified", "verify the OA")));
    expect(raised.filter(Boolean)).toHaveLength(1);
    expect(await f.store.get(`SELECT seen, message FROM operator_alerts`)).toEqual({ seen: 20, message: "verify the OA" });
  });

  it("an expired alert is raised anew: new message, new lifetime, counted from one", async () => {
    const f = await fixture();
    await f.alerts.raise("zalo_paid_feature", "old", MINUTE);
    await f.alerts.raise("zalo_paid_feature", "old", MINUTE);
    f.clock.advance(2 * MINUTE);
    expect(await f.alerts.raise("zalo_paid_feature", "new", MINUTE)).toBe(true);
    expect(await f.store.get(`SELECT seen, message, since FROM operator_alerts`)).toEqual({ seen: 1, message: "new", since: f.clock.now().toISOString() });
  });
});

describe("the webhook's bad-signature watch", () => {
  /** Signed, for our app id: what Zalo's own events look like when the key is wrong. */
  const ours = { signed: true, forOurApp: true };

  it("counts only signed requests for our app: unsigned or other-app floods raise nothing", async () => {
    const f = await fixture();
    const watch = new SignatureWatch(f.alerts, f.clock, f.log);
    for (let i = 0; i < 100; i++) {
      watch.rejected({ signed: false, forOurApp: true });
      watch.rejected({ signed: false, forOurApp: false });
      watch.rejected({ signed: true, forOurApp: false });
    }
    await watch.written();
    expect(await f.alerts.list()).toEqual([]);
    for (let i = 0; i < 5; i++) watch.rejected(ours);
    await watch.written();
    expect((await f.alerts.list()).map((a) => a.kind)).toEqual(["webhook_bad_signatures"]);
    expect(BAD_SIGNATURE_ALERT).toMatch(/forged/);
  });

  it("raises one alert after 5 bad signatures within 10 minutes with no good one since; a good one clears it", async () => {
    const f = await fixture();
    const watch = new SignatureWatch(f.alerts, f.clock, f.log);
    for (let i = 0; i < 4; i++) {
      watch.rejected(ours);
      f.clock.advance(MINUTE);
    }
    await watch.written();
    expect(await f.alerts.list()).toEqual([]);
    watch.rejected(ours);
    await watch.written();
    expect(await f.alerts.list()).toEqual([{ kind: "webhook_bad_signatures", since: f.clock.now().toISOString(), message: BAD_SIGNATURE_ALERT }]);
    for (let i = 0; i < 1000; i++) watch.rejected(ours); // a flood adds no alert and no log lines
    expect(f.errors()).toHaveLength(1);
    expect(f.warnings().length).toBeLessThanOrEqual(5);
    watch.good();
    await watch.written();
    expect(await f.alerts.list()).toEqual([]);
  });

  it("does not alert on bad signatures spread over more than 10 minutes, nor when good ones come between", async () => {
    const f = await fixture();
    const watch = new SignatureWatch(f.alerts, f.clock, f.log);
    for (let i = 0; i < 20; i++) {
      watch.rejected(ours);
      f.clock.advance(3 * MINUTE); // 5 in a row span 12 minutes
    }
    await watch.written();
    expect(await f.alerts.list()).toEqual([]);
    for (let i = 0; i < 20; i++) {
      watch.rejected(ours);
      if (i % 4 === 3) watch.good();
    }
    await watch.written();
    expect(await f.alerts.list()).toEqual([]);
  });

  it("clears an alert left by an earlier run at the first good signature", async () => {
    const f = await fixture();
    await f.alerts.raise("webhook_bad_signatures", BAD_SIGNATURE_ALERT);
    const watch = new SignatureWatch(f.alerts, f.clock, f.log);
    watch.good();
    await watch.written();
    expect(await f.alerts.list()).toEqual([]);
  });

  it("rate-limits the warning lines: one a minute, counting the rest", async () => {
    const f = await fixture();
    const watch = new SignatureWatch(f.alerts, f.clock, f.log);
    for (let i = 0; i < 30; i++) watch.rejected(ours);
    f.clock.advance(MINUTE);
    watch.rejected(ours);
    expect(f.warnings().map((l) => l.alsoRejectedSinceLastWarning)).toEqual([0, 29]);
  });
});
