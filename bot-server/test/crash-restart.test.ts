import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Outbox } from "../src/pipeline/outbox.js";
import { systemClock } from "../src/clock.js";
import { databaseOf, openTestStore } from "../../test/support/database.js";
import { exited, freePort, spawnServer, waitForHealth } from "../../test/support/child.js";
import { FakeZalo } from "../../test/support/fake-zalo.js";
import { followEvent, postEvent, realEnv, userId } from "../../test/support/server.js";

let fake: FakeZalo;
beforeEach(async () => {
  fake = await new FakeZalo().start();
});
afterEach(async () => {
  await fake.stop();
});


describe("kill -9 and restart on the same database file", () => {
  it("delivers every queued message exactly once, in order per person", async () => {
    // One instance name across the runs: on a shared store (PostgreSQL) a restarted instance takes back at
    // once only its own earlier run's leases (on SQLite, as the one sender, every lease left behind).
    const env = realEnv(fake, { ZALO_HTTP_TIMEOUT_MS: "2000", OUTBOX_CONCURRENCY: "4", INSTANCE_ID: "crash-test" });
    // The servers' database (a SQLite file, or a PostgreSQL schema), opened here through the same settings.
    const openServersStore = () => openTestStore(databaseOf(env));
    const db = await openServersStore();
    const outbox = new Outbox(db, systemClock);
    const people = Array.from({ length: 20 }, (_, i) => userId(500 + i));
    const expected = new Map<string, string[]>();
    await db.transaction(async () => {
      for (let m = 1; m <= 10; m++) {
        for (const u of people) {
          const text = `tin ${m} cho ${u.slice(-3)}`;
          await outbox.enqueue(u, { type: "text", text }, { kind: "broadcast" });
          expected.set(u, [...(expected.get(u) ?? []), text]);
        }
      }
    });
    await db.close();
    fake.sendDelayMs = 3;

    // Run 1: killed while a message Zalo has already taken is waiting for its answer.
    let child = spawnServer({ ...env, PORT: String(await freePort()) });
    await fake.waitFor(() => fake.delivered.length >= 60, 20_000, "first deliveries");
    fake.behaviours.push({ kind: "accept-then-hang" });
    const n = fake.sendRequests.length;
    await fake.waitFor(() => fake.sendRequests.length > n + 2, 5000, "the hanging send");
    child.kill("SIGKILL");
    expect((await exited(child)).signal).toBe("SIGKILL");

    // Run 2: killed again at an arbitrary moment.
    child = spawnServer({ ...env, PORT: String(await freePort()) });
    await fake.waitFor(() => fake.delivered.length >= 130, 20_000, "more deliveries");
    child.kill("SIGKILL");
    await exited(child);

    // Run 3: finishes the queue, then shuts down gracefully on SIGTERM.
    const port = await freePort();
    child = spawnServer({ ...env, PORT: String(port) });
    await fake.waitFor(() => fake.delivered.length >= 200, 20_000, "all deliveries");
    await waitForHealth(`http://127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    expect(await exited(child)).toEqual({ code: 0, signal: null });

    expect(fake.delivered).toHaveLength(200);
    for (const u of people) expect(fake.textsFor(u)).toEqual(expected.get(u));
    const check = await openServersStore();
    expect(await check.all("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")).toEqual([{ status: "sent", n: 200 }]);
    await check.close();
  }, 90_000);

  it("loses no acknowledged webhook event: each follower gets exactly one welcome", async () => {
    const port = await freePort();
    const env = { ...realEnv(fake), PORT: String(port) };
    const url = `http://127.0.0.1:${port}`;
    fake.sendDelayMs = 20; // replies are slow, so events are still unprocessed or unsent at the kill
    let child = spawnServer(env);
    await waitForHealth(url);
    const people = Array.from({ length: 40 }, (_, i) => userId(900 + i));
    const answers = await Promise.all(people.map((u) => postEvent(url, followEvent(u))));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    child.kill("SIGKILL");
    await exited(child);
    const before = fake.delivered.length;
    expect(before).toBeLessThan(40);

    child = spawnServer(env);
    await fake.waitFor(() => fake.delivered.length >= 40, 20_000, "welcomes after restart");
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    await exited(child);
    for (const u of people) expect(fake.textsFor(u)).toHaveLength(1);
  }, 60_000);
});
