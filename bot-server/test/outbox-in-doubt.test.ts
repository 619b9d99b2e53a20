import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingWork } from "../../test/support/chat.js";
import Database from "better-sqlite3";
import { migrate, readMigrations } from "../src/db/migrate.js";
import { CLOCK_SKEW_MS, findOwnMessage } from "../src/pipeline/reconcile.js";
import type { HistoryMessage } from "../src/zalo/oa-client.js";
import type { FakeZalo } from "../../test/support/fake-zalo.js";
import { postEvent, startWithFakeZalo, tempDbPath, textEvent, userId, type TestServer } from "../../test/support/server.js";

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
function knownPerson(n: number): string {
  const id = userId(7000 + n);
  server.db
    .prepare("INSERT INTO learners (zalo_user_id, consent, follows_oa, created_at, updated_at) VALUES (?, 'declined', 1, '', '')")
    .run(id);
  return id;
}

describe("in-doubt sends against a Zalo that goes silent now and then", () => {
  it("answers every event exactly once when many identical replies go to one person", async () => {
    // Every 15th send reaches Zalo but gets no answer; every 22nd gets no answer and never arrived.
    fake.hangEvery.push({ every: 15, recorded: true }, { every: 22, recorded: false });
    const people = [1, 2, 3, 4].map(knownPerson);
    const perPerson = 60;
    for (let round = 0; round < perPerson; round += 5) {
      const posts = people.flatMap((u) => Array.from({ length: 5 }, () => postEvent(server.url, textEvent(u, "trợ giúp"))));
      const answers = await Promise.all(posts);
      expect(answers.every((r) => r.status === 200)).toBe(true);
    }
    await fake.waitFor(() => pendingWork(server.db) === 0, 60_000, "every event handled and every reply sent");
    await server.dispatcher.drain();

    const menu = fake.delivered[0]!.text;
    expect(menu).toMatch(/trợ giúp/);
    for (const u of people) {
      const texts = fake.textsFor(u);
      expect(texts).toHaveLength(perPerson);
      expect(new Set(texts)).toEqual(new Set([menu]));
    }
    const rows = server.db.prepare("SELECT status, attempts, zalo_message_id FROM outbox").all() as {
      status: string;
      attempts: number;
      zalo_message_id: string;
    }[];
    expect(rows).toHaveLength(people.length * perPerson);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // Sends did go silent (the rows then needed a second claim), so reconciliation had work to do.
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(10);
    // One reply per event.
    expect(server.db.prepare("SELECT COUNT(DISTINCT source_event_id) FROM outbox").pluck().get()).toBe(people.length * perPerson);
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
    const [a] = server.outbox.enqueue(u, { type: "text", text: "menu" }, { kind: "reply" });
    const [b] = server.outbox.enqueue(u, { type: "text", text: "menu" }, { kind: "reply" });
    const row = (id: number) => server.db.prepare("SELECT status, zalo_message_id FROM outbox WHERE id = ?").get(id) as { status: string; zalo_message_id: string };
    await fake.waitFor(() => row(b!).status === "sent", 10_000, "both rows settled");
    const [m1, m2, m3] = fake.delivered.map((d) => d.messageId);
    expect(fake.textsFor(u)).toEqual(["menu", "menu", "menu"]);
    expect(row(a!)).toEqual({ status: "sent", zalo_message_id: m2 });
    // B's reply was sent for real (m3), not "found" in A's copies.
    expect(row(b!)).toEqual({ status: "sent", zalo_message_id: m3 });
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
  it("migration 006 takes a borrowed id from the later rows of a database made before it", () => {
    const db = new Database(tempDbPath());
    const all = readMigrations();
    migrate(db, all.filter((m) => m.version < 6));
    const insert = db.prepare(
      "INSERT INTO outbox (user_id, kind, message, status, next_attempt_at, created_at, zalo_message_id) VALUES ('u', 'reply', '{}', 'sent', '', '', ?)",
    );
    for (const mid of ["m1", "m1", "m2", "m1", null]) insert.run(mid);
    migrate(db, all);
    expect(db.prepare("SELECT zalo_message_id FROM outbox ORDER BY id").pluck().all()).toEqual(["m1", null, "m2", null, null]);
    expect(() => insert.run("m2")).toThrow(/UNIQUE/);
    db.close();
  });

  it("when Zalo answers a send with an id another row adopted, the id moves to the row Zalo named; the other is not resent", async () => {
    const [wrong] = server.outbox.enqueue(userId(7210), { type: "text", text: "x" }, { kind: "reply", notBefore: new Date(Date.now() + 3_600_000) });
    expect(server.outbox.markSent(wrong!, "zalo-dup")).toBe(true); // a wrong adoption, say
    fake.messageIds.push("zalo-dup");
    const [fresh] = server.outbox.enqueue(userId(7211), { type: "text", text: "y" }, { kind: "reply" });
    await fake.waitFor(() => server.db.prepare("SELECT status FROM outbox WHERE id = ?").pluck().get(fresh) === "sent", 5000, "sent");
    const rows = server.db.prepare("SELECT id, status, zalo_message_id, last_error FROM outbox WHERE id IN (?, ?) ORDER BY id").all(wrong, fresh);
    expect(rows).toEqual([
      { id: wrong, status: "sent", zalo_message_id: null, last_error: expect.stringContaining(`row ${fresh}`) },
      { id: fresh, status: "sent", zalo_message_id: "zalo-dup", last_error: null },
    ]);
    expect(fake.sendRequests).toHaveLength(1);
  });

  it("refuses to mark a second row sent with an id another row holds", () => {
    const [a, b] = [userId(7200), userId(7201)].map((u) => server.outbox.enqueue(u, { type: "text", text: "x" }, { kind: "reply", notBefore: new Date(Date.now() + 3_600_000) })[0]!);
    expect(server.outbox.markSent(a!, "zalo-1")).toBe(true);
    expect(server.outbox.markSent(b!, "zalo-1")).toBe(false);
    const rows = server.db.prepare("SELECT id, status, zalo_message_id FROM outbox WHERE id IN (?, ?) ORDER BY id").all(a, b);
    expect(rows).toEqual([
      { id: a, status: "sent", zalo_message_id: "zalo-1" },
      { id: b, status: "pending", zalo_message_id: null },
    ]);
  });
});

describe("an in-doubt message while Zalo's history cannot be read", () => {
  const statusOf = (id: number) => server.db.prepare("SELECT status FROM outbox WHERE id = ?").pluck().get(id);

  it("waits for the history instead of resending blindly, then settles without a second send", async () => {
    const u = userId(7300);
    fake.behaviours.push({ kind: "accept-then-hang" });
    fake.conversationBehaviour = "down";
    const [id] = server.outbox.enqueue(u, { type: "text", text: "chỉ một lần" }, { kind: "reply" });
    await fake.waitFor(() => fake.conversationRequests >= 3, 5000, "several history checks");
    expect(statusOf(id!)).toMatch(/pending|sending/);
    expect(fake.sendRequests).toHaveLength(1);
    fake.conversationBehaviour = "answer";
    await fake.waitFor(() => statusOf(id!) === "sent", 5000, "reconciled");
    expect(fake.textsFor(u)).toEqual(["chỉ một lần"]);
    expect(fake.sendRequests).toHaveLength(1);
  });

  it("after waiting long enough, sends anyway: a possible duplicate rather than a lost message", async () => {
    const patient = await startWithFakeZalo({ ZALO_HTTP_TIMEOUT_MS: "150" }, { dispatcher: { historyPatienceMs: 300 } });
    try {
      const u = userId(7301);
      patient.fake.behaviours.push({ kind: "hang" }); // never arrived
      patient.fake.conversationBehaviour = "down";
      const [id] = patient.server.outbox.enqueue(u, { type: "text", text: "đừng mất tin này" }, { kind: "reply" });
      await patient.fake.waitFor(() => patient.fake.textsFor(u).length === 1, 5000, "sent after the patience ran out");
      await patient.fake.waitFor(() => patient.server.db.prepare("SELECT status FROM outbox WHERE id = ?").pluck().get(id) === "sent", 5000, "sent");
    } finally {
      await patient.stop();
    }
  });
});
