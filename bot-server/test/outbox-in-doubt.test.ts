import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingWork } from "../../test/support/chat.js";
import { migrate, migrationsDir, readMigrations } from "../src/db/migrate.js";
import { isUniqueViolation } from "../src/db/store.js";
import { openEmptyStore } from "../../test/support/database.js";
import { CLOCK_SKEW_MS, findOwnMessage } from "../src/pipeline/reconcile.js";
import type { HistoryMessage } from "../src/zalo/oa-client.js";
import type { FakeZalo } from "../../test/support/fake-zalo.js";
import { postEvent, startWithFakeZalo, textEvent, userId, type TestServer } from "../../test/support/server.js";

let fake: FakeZalo;
let server: TestServer;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ fake, server, stop } = await startWithFakeZalo({ ZALO_HTTP_TIMEOUT_MS: "150" }));
});
afterEach(async () => {
  await stop();
});

/** Someone the bot already knows (consent answered), so "trợ giúp" gets exactly one message: the menu. */
async function knownPerson(n: number): Promise<string> {
  const id = userId(7000 + n);
  await server.store.run("INSERT INTO learners (zalo_user_id, consent, follows_oa, created_at, updated_at) VALUES (?, 'declined', 1, '', '')", [id]);
  return id;
}

describe("in-doubt sends against a Zalo that goes silent now and then", () => {
  it("answers every event exactly once when many identical replies go to one person", async () => {
    // Every 15th send reaches Zalo but gets no answer; every 22nd gets no answer and never arrived.
    fake.hangEvery.push({ every: 15, recorded: true }, { every: 22, recorded: false });
    const people = await Promise.all([1, 2, 3, 4].map(knownPerson));
    const perPerson = 60;
    for (let round = 0; round < perPerson; round += 5) {
      const posts = people.flatMap((u) => Array.from({ length: 5 }, () => postEvent(server.url, textEvent(u, "trợ giúp"))));
      const answers = await Promise.all(posts);
      expect(answers.every((r) => r.status === 200)).toBe(true);
    }
    await fake.waitFor(async () => (await pendingWork(server.store)) === 0, 60_000, "every event handled and every reply sent");
    await server.dispatcher.drain();

    const menu = fake.delivered[0]!.text;
    expect(menu).toMatch(/trợ giúp/);
    for (const u of people) {
      const texts = fake.textsFor(u);
      expect(texts).toHaveLength(perPerson);
      expect(new Set(texts)).toEqual(new Set([menu]));
    }
    const rows = await server.store.all<{
      status: string;
      attempts: number;
      zalo_message_id: string;
    }>("SELECT status, attempts, zalo_message_id FROM outbox");
    expect(rows).toHaveLength(people.length * perPerson);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // Sends did go silent (the rows then needed a second claim), so reconciliation had work to do.
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(10);
    // One reply per event.
    expect(await server.store.value("SELECT COUNT(DISTINCT source_event_id) FROM outbox")).toBe(people.length * perPerson);
    // Each row holds the id of the message Zalo recorded for it, and no two rows hold the same one.
    expect(new Set(rows.map((r) => r.zalo_message_id))).toEqual(new Set(fake.delivered.map((d) => d.messageId)));
  }, 90_000);
});

describe("a row whose two silent attempts both reached Zalo, then an identical reply that never arrives", () => {
  it("the later reply does not adopt the first row's second copy: it is sent", async () => {
    const u = userId(7050);
    // Row A: the first attempt arrives unanswered; the history lags (doubt cleared), so A is sent again,
    // and that copy too arrives unanswered. Row B (same text) then hangs without reaching Zalo.
    fake.behaviours.push({ kind: "accept-then-hang" }, { kind: "accept-then-hang" }, { kind: "hang" });
    fake.conversationScript.push("lagging");
    const [a] = await server.outbox.enqueue(u, { type: "text", text: "menu" }, { kind: "reply" });
    const [b] = await server.outbox.enqueue(u, { type: "text", text: "menu" }, { kind: "reply" });
    const row = async (id: number) => (await server.store.get<{ status: string; zalo_message_id: string }>("SELECT status, zalo_message_id FROM outbox WHERE id = ?", [id]))!;
    await fake.waitFor(async () => (await row(b!)).status === "sent", 10_000, "both rows settled");
    const [m1, m2, m3] = fake.delivered.map((d) => d.messageId);
    expect(fake.textsFor(u)).toEqual(["menu", "menu", "menu"]);
    expect(await row(a!)).toEqual({ status: "sent", zalo_message_id: m2 });
    // B's reply was sent for real (m3), not "found" in A's copies.
    expect(await row(b!)).toEqual({ status: "sent", zalo_message_id: m3 });
    expect(m1).toBeDefined();
  });
});

describe("which history message an in-doubt row may adopt", () => {
  const u = userId(7100);
  const claim = new Date("2026-11-23T03:00:00.000Z");
  const at = (secondsAfterClaim: number) => claim.getTime() + secondsAfterClaim * 1000;
  const msg = (id: string, secondsAfterClaim: number, text = "menu", extra: Partial<HistoryMessage> = {}): HistoryMessage => ({
    messageId: id,
    text,
    toId: u,
    fromOa: true,
    time: at(secondsAfterClaim),
    ...extra,
  });
  const find = (history: HistoryMessage[], held: string[] = []) =>
    findOwnMessage({ userId: u, text: "menu", since: claim }, history, new Set(held))?.messageId;

  it("takes the identical message Zalo recorded after the claim, not the earlier one", () => {
    // Newest first, as Zalo lists them: m2 is this row's, m1 an earlier identical reply held by its row.
    expect(find([msg("m2", 0.2), msg("m1", -5)], ["m1"])).toBe("m2");
  });

  it("never takes an id another row holds, however well it matches", () => {
    expect(find([msg("m1", 0.2)], ["m1"])).toBeUndefined();
  });

  it("ignores identical messages recorded before the claim beyond the clock tolerance", () => {
    expect(find([msg("old", -(CLOCK_SKEW_MS / 1000) - 1)])).toBeUndefined();
    // Within the tolerance (Zalo's clock a little behind ours) it is taken.
    expect(find([msg("skewed", -(CLOCK_SKEW_MS / 1000) + 1)])).toBe("skewed");
  });

  it("takes nothing older than the newest message already held for the person, whatever the clocks say", () => {
    // "x" is not held (e.g. its row gave up) but came before a held message: it is not this row's.
    expect(find([msg("held", 0.5, "another text"), msg("x", 0.1)], ["held"])).toBeUndefined();
    expect(find([msg("mine", 0.9), msg("held", 0.5, "another text"), msg("x", 0.1)], ["held"])).toBe("mine");
  });

  it("needs the same text, from the OA, to this person, with a time", () => {
    expect(find([msg("a", 1, "khác")])).toBeUndefined();
    expect(find([msg("b", 1, "menu", { fromOa: false })])).toBeUndefined();
    expect(find([msg("c", 1, "menu", { toId: userId(7101) })])).toBeUndefined();
    expect(find([msg("d", 1, "menu", { time: undefined })])).toBeUndefined();
    expect(find([msg("e", 1, "menu", { messageId: undefined })])).toBeUndefined();
  });

  it("with several unheld matches (two silent attempts both arrived), takes the newest", () => {
    expect(find([msg("second", 2), msg("first", 1)])).toBe("second");
  });

  it("leaves a later identical row nothing to adopt once the row with two copies took the newer one", () => {
    // Row A's two silent attempts both reached Zalo: m1 at T, m2 at T+13 s. Row B, same text, claimed at
    // T+28 s (within the clock tolerance of m2), never reached Zalo: B must find nothing and resend.
    const history = [msg("m2", 13), msg("m1", 0)];
    const adoptedByA = find(history);
    expect(adoptedByA).toBe("m2");
    const forB = findOwnMessage({ userId: u, text: "menu", since: new Date(at(28)) }, history, new Set([adoptedByA!]));
    expect(forB).toBeUndefined();
  });
});

describe("a Zalo message id belongs to one outbox row", () => {
  it("migration 006 takes a borrowed id from the later rows of a database made before it", async () => {
    // A database with no schema yet: a new SQLite file, or a new PostgreSQL schema.
    const store = openEmptyStore();
    try {
      const all = readMigrations(migrationsDir(store.dialect));
      await migrate(store, all.filter((m) => m.version < 6));
      const insert = (mid: string | null) =>
        store.run(
          "INSERT INTO outbox (user_id, kind, message, status, next_attempt_at, created_at, zalo_message_id) VALUES ('u', 'reply', '{}', 'sent', '', '', ?)",
          [mid],
        );
      for (const mid of ["m1", "m1", "m2", "m1", null]) await insert(mid);
      await migrate(store, all);
      expect(await store.column("SELECT zalo_message_id FROM outbox ORDER BY id")).toEqual(["m1", null, "m2", null, null]);
      await expect(insert("m2")).rejects.toSatisfy(isUniqueViolation);
    } finally {
      await store.close();
    }
  });

  it("when Zalo answers a send with an id another row adopted, the id moves to the row Zalo named; the other is not resent", async () => {
    const [wrong] = await server.outbox.enqueue(userId(7210), { type: "text", text: "x" }, { kind: "reply", notBefore: new Date(Date.now() + 3_600_000) });
    expect(await server.outbox.markSent(wrong!, "zalo-dup")).toBe(true); // a wrong adoption, say
    fake.messageIds.push("zalo-dup");
    const [fresh] = await server.outbox.enqueue(userId(7211), { type: "text", text: "y" }, { kind: "reply" });
    await fake.waitFor(async () => (await server.store.value("SELECT status FROM outbox WHERE id = ?", [fresh!])) === "sent", 5000, "sent");
    const rows = await server.store.all("SELECT id, status, zalo_message_id, last_error FROM outbox WHERE id IN (?, ?) ORDER BY id", [wrong!, fresh!]);
    expect(rows).toEqual([
      { id: wrong, status: "sent", zalo_message_id: null, last_error: expect.stringContaining(`row ${fresh}`) },
      { id: fresh, status: "sent", zalo_message_id: "zalo-dup", last_error: null },
    ]);
    expect(fake.sendRequests).toHaveLength(1);
  });

  it("refuses to mark a second row sent with an id another row holds", async () => {
    const later = { kind: "reply" as const, notBefore: new Date(Date.now() + 3_600_000) };
    const [a] = await server.outbox.enqueue(userId(7200), { type: "text", text: "x" }, later);
    const [b] = await server.outbox.enqueue(userId(7201), { type: "text", text: "x" }, later);
    expect(await server.outbox.markSent(a!, "zalo-1")).toBe(true);
    expect(await server.outbox.markSent(b!, "zalo-1")).toBe(false);
    const rows = await server.store.all("SELECT id, status, zalo_message_id FROM outbox WHERE id IN (?, ?) ORDER BY id", [a!, b!]);
    expect(rows).toEqual([
      { id: a, status: "sent", zalo_message_id: "zalo-1" },
      { id: b, status: "pending", zalo_message_id: null },
    ]);
  });
});

describe("an in-doubt message while Zalo's history cannot be read", () => {
  const statusOf = (id: number) => server.store.value<string>("SELECT status FROM outbox WHERE id = ?", [id]);

  it("waits for the history instead of resending blindly, then settles without a second send", async () => {
    const u = userId(7300);
    fake.behaviours.push({ kind: "accept-then-hang" });
    fake.conversationBehaviour = "down";
    const [id] = await server.outbox.enqueue(u, { type: "text", text: "chỉ một lần" }, { kind: "reply" });
    await fake.waitFor(() => fake.conversationRequests >= 3, 5000, "several history checks");
    expect(await statusOf(id!)).toMatch(/pending|sending/);
    expect(fake.sendRequests).toHaveLength(1);
    fake.conversationBehaviour = "answer";
    await fake.waitFor(async () => (await statusOf(id!)) === "sent", 5000, "reconciled");
    expect(fake.textsFor(u)).toEqual(["chỉ một lần"]);
    expect(fake.sendRequests).toHaveLength(1);
  });

  it("after waiting long enough, sends anyway: a possible duplicate rather than a lost message", async () => {
    const patient = await startWithFakeZalo({ ZALO_HTTP_TIMEOUT_MS: "150" }, { dispatcher: { historyPatienceMs: 300 } });
    try {
      const u = userId(7301);
      patient.fake.behaviours.push({ kind: "hang" }); // never arrived
      patient.fake.conversationBehaviour = "down";
      const [id] = await patient.server.outbox.enqueue(u, { type: "text", text: "đừng mất tin này" }, { kind: "reply" });
      await patient.fake.waitFor(() => patient.fake.textsFor(u).length === 1, 5000, "sent after the patience ran out");
      await patient.fake.waitFor(async () => (await patient.server.store.value("SELECT status FROM outbox WHERE id = ?", [id!])) === "sent", 5000, "sent");
    } finally {
      await patient.stop();
    }
  });
});
