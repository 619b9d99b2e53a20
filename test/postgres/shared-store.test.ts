import axios from "axios";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../bot-server/src/db/open.js";
import type { Store } from "../../bot-server/src/db/store.js";
import { loadConfig } from "../../bot-server/src/config.js";
import { createLogger } from "../../bot-server/src/log.js";
import { Learning } from "../../bot-server/src/learning/index.js";
import { OperatorAlerts } from "../../bot-server/src/ops/alerts.js";
import { Outreach } from "../../bot-server/src/outreach/outreach.js";
import { Scheduler } from "../../bot-server/src/outreach/scheduler.js";
import { Outbox } from "../../bot-server/src/pipeline/outbox.js";
import { OaTokenStore } from "../../bot-server/src/zalo/tokens.js";
import { freshDatabaseEnv } from "../support/database.js";
import { FakeZalo } from "../support/fake-zalo.js";
import { content, FakeClock } from "../support/learning.js";
import { userId } from "../support/server.js";

// What several instances sharing one PostgreSQL database do at once, each here on its own connection
// pool, as separate processes would be (PostgreSQL pass only).
const TZ = "Asia/Ho_Chi_Minh";
const log = createLogger("silent");
let open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

/** `n` stores on one fresh database: one per instance. */
async function instances(n: number): Promise<Store[]> {
  const env = freshDatabaseEnv();
  const config = loadConfig({ ...env, DATABASE_POOL_SIZE: "3" });
  const stores = await Promise.all(Array.from({ length: n }, () => openStore(config)));
  open.push(...stores);
  return stores;
}

describe("instances sharing one PostgreSQL database", () => {
  it("migrate once when they start together", async () => {
    const stores = await instances(4);
    expect(await stores[0]!.column(`SELECT version FROM schema_migrations ORDER BY version`)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("refresh the OA token once when all of them find it refused at the same moment", async () => {
    const fake = await new FakeZalo().start();
    try {
      fake.refreshDelayMs = 50; // a slow refresh: the others are waiting on it, not racing it
      const stores = await instances(3);
      const clock = new FakeClock();
      const tokens = stores.map(
        (store) =>
          new OaTokenStore({ store, http: axios.create(), oauthBase: fake.url, appId: "1", appSecret: fake.appSecret, clock, log, timeoutMs: 2000 }),
      );
      expect(await tokens[0]!.seed(fake.accessToken, fake.refreshToken)).toBe("seeded");
      expect(await tokens[1]!.seed(fake.accessToken, fake.refreshToken)).toBe("kept");
      const rejected = await tokens[0]!.current();
      const fresh = await Promise.all(tokens.map((t) => t.refreshAfterRejection(rejected)));
      expect(fake.refreshRequests).toHaveLength(1);
      expect(new Set(fresh)).toEqual(new Set([fake.accessToken]));
      expect(await stores[2]!.get(`SELECT refresh_token, generation FROM oa_tokens`)).toEqual({ refresh_token: fake.refreshToken, generation: 2 });
    } finally {
      await fake.stop();
    }
  });

  it("run each scheduler minute once, and remind each person once", async () => {
    const stores = await instances(3);
    const clock = new FakeClock(new Date("2026-11-24T13:00:00Z")); // 20:00 in Vietnam
    const schedulers = stores.map((store) => {
      const learning = new Learning(store, clock, content(), { timeZone: TZ });
      const outreach = new Outreach(store, new Outbox(store, clock), learning, content(), clock, {
        timeZone: TZ,
        dailyCap: 3,
        alerts: new OperatorAlerts(store, clock),
      });
      return { learning, scheduler: new Scheduler({ store, outreach, clock, log }, TZ) };
    });
    const { learners } = schedulers[0]!.learning;
    for (let n = 1; n <= 40; n++) {
      const l = await learners.touch(userId(n), new Date(clock.now().getTime() - 3_600_000));
      await learners.setFollows(l.zalo_user_id!, true);
      await learners.update(l.id, { consent: "granted", reminder_time: "20:00" });
    }
    const reports = await Promise.all(schedulers.map((s) => s.scheduler.tick(clock.now())));
    const ran = reports.filter((r) => r !== undefined);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.reminders.sent).toBe(40);
    // The same minute again, from any instance: nothing more.
    expect(await schedulers[1]!.scheduler.tick(clock.now())).toBeUndefined();
    const perPerson = await stores[0]!.column<number>(`SELECT COUNT(*) FROM outbox WHERE kind = 'reminder' GROUP BY user_id`);
    expect(perPerson).toHaveLength(40);
    expect(new Set(perPerson)).toEqual(new Set([1]));
  });

  it("claim outbox rows without overlap, one unfinished row per person, each person's in order", async () => {
    const stores = await instances(3);
    const clock = new FakeClock();
    const outboxes = stores.map((s) => new Outbox(s, clock));
    const people = Array.from({ length: 10 }, (_, i) => userId(100 + i));
    for (let m = 1; m <= 4; m++) for (const u of people) await outboxes[0]!.enqueue(u, { type: "text", text: `tin ${m}` }, { kind: "broadcast" });

    const claimedBy = new Map<number, string>();
    const order = new Map<string, number[]>();
    const unfinished = new Set<string>();
    let overlap = 0;
    const dispatcher = async (outbox: Outbox, owner: string) => {
      for (let idle = 0; idle < 5; ) {
        const rows = await outbox.claimDue(3, owner, 60_000);
        if (rows.length === 0) {
          idle++;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        for (const row of rows) {
          if (claimedBy.has(row.id)) overlap++;
          if (unfinished.has(row.user_id)) overlap++;
          claimedBy.set(row.id, owner);
          unfinished.add(row.user_id);
          order.set(row.user_id, [...(order.get(row.user_id) ?? []), row.id]);
        }
        await new Promise((r) => setTimeout(r, 2)); // the sends take a moment
        for (const row of rows) {
          unfinished.delete(row.user_id);
          await outbox.markSent(row.id, `zalo-${row.id}`);
        }
      }
    };
    await Promise.all(outboxes.map((o, i) => dispatcher(o, `instance-${i}`)));
    expect(overlap).toBe(0);
    expect(claimedBy.size).toBe(40);
    expect(new Set(claimedBy.values()).size).toBeGreaterThan(1); // the work was shared
    for (const u of people) {
      const ids = order.get(u)!;
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    expect(await outboxes[0]!.counts()).toEqual({ sent: 40 });
  });

  it("leave a live instance's lease alone, and take a row over only once its lease has run out", async () => {
    const stores = await instances(2);
    const clock = new FakeClock();
    const [a, b] = stores.map((s) => new Outbox(s, clock)) as [Outbox, Outbox];
    const [id] = await a.enqueue(userId(1), { type: "text", text: "xin chào" }, { kind: "reply" });
    expect((await a.claimDue(5, "instance-a", 60_000)).map((r) => r.id)).toEqual([id]);
    // Instance b starts: on a shared store it must not declare a's rows abandoned.
    expect(await b.releaseAbandoned("instance-b")).toBe(0);
    expect(await b.claimDue(5, "instance-b", 60_000)).toEqual([]);
    clock.advance(61_000); // a died mid-send: its lease runs out
    const taken = await b.claimDue(5, "instance-b", 60_000);
    expect(taken.map((r) => [r.id, r.in_doubt])).toEqual([[id, 1]]);
    expect(await stores[0]!.value(`SELECT lease_owner FROM outbox WHERE id = ?`, [id!])).toBe("instance-b");
  });

  it("a restarted instance takes back at once what its own previous run left mid-send, and nothing else", async () => {
    const stores = await instances(2);
    const clock = new FakeClock();
    const [a, b] = stores.map((s) => new Outbox(s, clock)) as [Outbox, Outbox];
    const [mine] = await a.enqueue(userId(1), { type: "text", text: "một" }, { kind: "reply" });
    const [theirs] = await b.enqueue(userId(2), { type: "text", text: "hai" }, { kind: "reply" });
    await a.claimDue(1, "host-a:3000/run-1", 60_000);
    await b.claimDue(1, "host-b:3000/run-1", 60_000);
    // host-a:3000 was killed and starts again: a new run under the same instance name.
    expect(await a.releaseAbandoned("host-a:3000/run-2", "host-a:3000")).toBe(1);
    expect((await a.claimDue(5, "host-a:3000/run-2", 60_000)).map((r) => [r.id, r.in_doubt])).toEqual([[mine, 1]]);
    expect(await stores[1]!.value(`SELECT lease_owner FROM outbox WHERE id = ?`, [theirs!])).toBe("host-b:3000/run-1");
  });
});
