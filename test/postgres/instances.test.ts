import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WELCOME } from "../../bot-server/src/chat/handlers/welcome.js";
import type { Store } from "../../bot-server/src/db/store.js";
import { exited, freePort, spawnServer, waitForHealth } from "../support/child.js";
import { databaseOf, openTestStore } from "../support/database.js";
import { FakeZalo } from "../support/fake-zalo.js";
import { RoundRobin } from "../support/round-robin.js";
import { followEvent, postEvent, realEnv, textEvent, userId } from "../support/server.js";

// Three server processes on one PostgreSQL database behind a round-robin proxy (PostgreSQL pass only).
let fake: FakeZalo;
let store: Store | undefined;
beforeEach(async () => {
  fake = await new FakeZalo().start();
});
afterEach(async () => {
  await store?.close();
  await fake.stop();
});

type Instance = ReturnType<typeof spawnServer>;

describe("three instances on one PostgreSQL", () => {
  it("answers every event exactly once, in order per person, with one token refresh, surviving a SIGKILL", async () => {
    const env = realEnv(fake, { ZALO_HTTP_TIMEOUT_MS: "2000", DATABASE_POOL_SIZE: "4", LOG_LEVEL: "warn" });
    // The seeded access token is already stale: every instance's first send is refused (-216), and
    // only one of them may spend the single-use refresh token.
    fake.accessToken = "access-rotated-elsewhere";
    fake.sendDelayMs = 5;
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    // A stable name each, as hosts have: the restarted instance takes back what it left mid-send.
    const start = (i: number): Instance => spawnServer({ ...env, PORT: String(ports[i]), INSTANCE_ID: `instance-${i}` });
    const instances = [start(0), start(1), start(2)];
    await Promise.all(urls.map((u) => waitForHealth(u, 30_000)));
    const proxy = await new RoundRobin(urls).start();

    // 30 people: a follow, then two messages each, sent a few at a time as Zalo would.
    const people = Array.from({ length: 30 }, (_, i) => userId(3000 + i));
    const events = people.flatMap((u) => [followEvent(u), textEvent(u, "trợ giúp"), textEvent(u, "tiến độ của tôi")]);
    const byPerson = new Map(people.map((u) => [u, [] as Record<string, unknown>[]]));
    for (let i = 0; i < events.length; i++) byPerson.get(people[Math.floor(i / 3)]!)!.push(events[i]!);
    let sent = 0;
    // Zalo delivers again until it gets a 200: so does this driver.
    const deliver = async (event: Record<string, unknown>) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const res = await postEvent(proxy.url, event).catch(() => undefined);
        if (res?.status === 200) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("an event was never accepted");
    };
    // Each person's events in order (a person does not write twice at the same instant); people in parallel.
    const drive = Promise.all(
      people.map(async (u, i) => {
        await new Promise((r) => setTimeout(r, i * 15));
        for (const e of byPerson.get(u)!) {
          await deliver(e);
          sent++;
        }
      }),
    );

    await fake.waitFor(() => sent >= 30, 30_000, "a third of the events");
    instances[1]!.kill("SIGKILL");
    expect((await exited(instances[1]!)).signal).toBe("SIGKILL");
    await fake.waitFor(() => sent >= 60, 30_000, "two thirds of the events");
    instances[1] = start(1);
    await drive;
    await waitForHealth(urls[1]!, 30_000);

    store = await openTestStore(databaseOf(env));
    const settled = async () =>
      (await store!.value<number>(
        `SELECT (SELECT COUNT(*) FROM inbox WHERE status <> 'done') + (SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending'))`,
      )) === 0;
    await fake.waitFor(settled, 60_000, "every event handled and every reply sent");
    await proxy.stop();
    for (const child of instances) child.kill("SIGTERM");
    for (const child of instances) await exited(child);

    // Every event stored once and handled once (a redelivery is recognised, never handled again).
    expect(await store.value(`SELECT COUNT(*) FROM inbox`)).toBe(events.length);
    expect(await store.column(`SELECT DISTINCT status FROM inbox`)).toEqual(["done"]);
    // Every message the person sends got its reply, and each reply left once.
    const repliedTo = await store.value<number>(
      `SELECT COUNT(DISTINCT source_event_id) FROM outbox WHERE source_event_id IN (SELECT id FROM inbox WHERE event_name = 'user_send_text')`,
    );
    expect(repliedTo).toBe(people.length * 2);
    expect(await store.column(`SELECT DISTINCT status FROM outbox`)).toEqual(["sent"]);
    expect(fake.delivered.length).toBe(await store.value<number>(`SELECT COUNT(*) FROM outbox`));
    // In order per person: the welcome first, and each reply after the one to the message before it.
    for (const u of people) {
      const texts = fake.textsFor(u);
      expect(texts[0]).toContain(WELCOME.split("\n")[0]);
      const rows = await store.all<{ source_event_id: number }>(
        `SELECT source_event_id FROM outbox WHERE user_id = ? ORDER BY sent_at, id`,
        [u],
      );
      const sources = rows.map((r) => r.source_event_id);
      expect(sources).toEqual([...sources].sort((a, b) => a - b));
    }
    // One refresh for all three instances, and Zalo never saw the spent refresh token again.
    expect(fake.refreshRequests).toHaveLength(1);
    expect(await store.value(`SELECT generation FROM oa_tokens WHERE id = 1`)).toBe(2);
    expect(proxy.answered.every((n) => n > 0)).toBe(true);
  }, 180_000);
});
