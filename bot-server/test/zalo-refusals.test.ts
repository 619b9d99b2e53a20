import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyZaloError, type FailureKind } from "../src/zalo/errors.js";
import type { FakeZalo } from "../../test/support/fake-zalo.js";
import { postEvent, startWithFakeZalo, textEvent, userId, type TestServer } from "../../test/support/server.js";

describe("Zalo's error codes", () => {
  const table: [number, FailureKind][] = [
    [-32, "retryable"],
    [-100, "retryable"],
    [-311, "retryable"], // reply quota used up for now: back off
    [-216, "token"],
    [-220, "token"],
    [-213, "unreachable"],
    [-217, "unreachable"],
    [-227, "unreachable"],
    [-230, "unreachable"],
    [-232, "unreachable"],
    [-234, "unreachable"],
    [-244, "unreachable"],
    [-305, "unreachable"], // no reply after 48 h: a window refusal like -230
    [-221, "account"], // OA not verified
    [-320, "account"], // paid feature without a linked Zalo Cloud account
    [-321, "account"], // Zalo Cloud balance used up
    [-201, "permanent"],
    [-240, "permanent"],
    [-999, "permanent"],
  ];
  it.each(table)("%i is %s", (code, kind) => {
    expect(classifyZaloError(code, "x")).toEqual({ kind, code, message: "x" });
  });
});

let fake: FakeZalo;
let server: TestServer;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ fake, server, stop } = await startWithFakeZalo({ ZALO_HTTP_TIMEOUT_MS: "300" }));
});
afterEach(async () => {
  await stop();
});

const send = (u: string, text: string, kind: "reply" | "reminder" = "reply") => server.outbox.enqueue(u, { type: "text", text }, { kind });
const statusOf = (id: number) => server.db.prepare("SELECT status FROM outbox WHERE id = ?").pluck().get(id);
const requestsTo = (u: string) => fake.sendRequests.filter((r) => r.userId === u).length;
const learnerRow = (u: string, silentHours: number) =>
  server.db
    .prepare("INSERT INTO learners (zalo_user_id, consent, follows_oa, last_interaction_at, created_at, updated_at) VALUES (?, 'granted', 1, ?, '', '')")
    .run(u, new Date(Date.now() - silentHours * 3_600_000).toISOString());
/** A reminder queued as the one door queues it: the outbox row and the person's send record together. */
const nudge = (u: string) =>
  server.db.transaction(() => {
    const ids = send(u, "Đến giờ học rồi", "reminder");
    const learnerId = server.learning.learners.byZaloUserId(u)!.id;
    server.db
      .prepare("INSERT INTO outreach_sends (learner_id, day, kind, slot, queued_at, outbox_id) VALUES (?, '2026-12-02', 'reminder', '', ?, ?)")
      .run(learnerId, new Date().toISOString(), ids[0]);
    return ids;
  })();
const sendRecords = (u: string) =>
  server.db.prepare("SELECT COUNT(*) FROM outreach_sends s JOIN learners l ON l.id = s.learner_id WHERE l.zalo_user_id = ?").pluck().get(u);
const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, any>;

describe("refusals in the dispatcher", () => {
  it("-305 (no reply after 48 h) marks the person like -230: no retry, their queued messages stop", async () => {
    const u = userId(8001);
    learnerRow(u, 50);
    fake.refuse.set(u, -305);
    const ids = [...send(u, "một"), ...send(u, "hai")];
    await fake.waitFor(() => statusOf(ids[0]!) === "unreachable", 5000, "unreachable");
    await server.dispatcher.drain();
    expect(ids.map(statusOf)).toEqual(["unreachable", "unreachable"]);
    expect(requestsTo(u)).toBe(1);
    expect(server.learning.learners.byZaloUserId(u)?.unreachable_reason).toMatch(/-305/);
    // Treated like -230 by the one door: nothing proactive until the person writes again.
    const learner = server.processing!.outreach.proactive.learner(server.learning.learners.byZaloUserId(u)!.id)!;
    expect(server.processing!.outreach.proactive.refusal(learner, new Date())).toBe("unreachable");
  });

  it("-311 (reply quota) backs off and then delivers, once", async () => {
    fake.behaviours.push({ kind: "error", code: -311 }, { kind: "error", code: -311 }, { kind: "error", code: -311 });
    const u = userId(8002);
    const [id] = send(u, "tin sau khi hết hạn mức");
    await fake.waitFor(() => statusOf(id!) === "sent", 5000, "delivered after the quota");
    expect(requestsTo(u)).toBe(4);
    expect(fake.textsFor(u)).toEqual(["tin sau khi hết hạn mức"]);
  });

  it.each([-221, -320, -321])(
    "%i raises one operator alert however many messages fail; /healthz shows it; queued nudges stop, free messages go on",
    async (code) => {
      const refused = Array.from({ length: 12 }, (_, i) => userId(8100 + i));
      for (const u of refused) {
        learnerRow(u, 72); // three days silent: a reminder now is a paid message
        fake.refuse.set(u, code);
      }
      const failing = refused.flatMap(nudge);
      await fake.waitFor(() => failing.every((id) => statusOf(id) !== "pending" && statusOf(id) !== "sending"), 5000, "all settled");
      // Some went out and failed before the alert stood; the others were held back, none retried.
      const statuses = failing.map(statusOf);
      expect(statuses.every((s) => s === "failed" || s === "cancelled")).toBe(true);
      expect(statuses).toContain("failed");
      for (const u of refused) expect(requestsTo(u)).toBeLessThanOrEqual(1);
      // None of those nudges went out: none uses up the person's one nudge or the day's cap.
      for (const u of refused) expect(sendRecords(u)).toBe(0);
      const kind = code === -221 ? "zalo_oa_not_verified" : "zalo_paid_feature";
      const alerts = server.db.prepare("SELECT kind, seen FROM operator_alerts").all() as { kind: string; seen: number }[];
      expect(alerts).toEqual([{ kind, seen: statuses.filter((s) => s === "failed").length }]);

      const h = await health();
      expect(h.ok).toBe(true);
      expect(h.alerts).toHaveLength(1);
      expect(h.alerts[0]).toEqual({ kind, since: expect.any(String), message: expect.stringContaining(String(code)) });
      for (const u of refused) expect(JSON.stringify(h)).not.toContain(u);

      // A nudge queued for someone else three days silent is dropped at send time, never sent.
      const other = userId(8200);
      learnerRow(other, 72);
      const [held] = nudge(other);
      await fake.waitFor(() => statusOf(held!) === "cancelled", 5000, "held back");
      expect(requestsTo(other)).toBe(0);
      expect(sendRecords(other)).toBe(0);
      // When the alert is gone, that person's one nudge is still theirs to get.
      server.db.exec("DELETE FROM operator_alerts");
      const proactive = server.processing!.outreach.proactive;
      expect(proactive.sentSince(server.learning.learners.byZaloUserId(other)!.id, "2000-01-01T00:00:00.000Z")).toBe(0);
      // A reminder within 48 hours is free: it still goes.
      const recent = userId(8201);
      learnerRow(recent, 5);
      const [free] = send(recent, "Đến giờ học rồi", "reminder");
      // And replies keep working, through the real webhook path.
      const replier = userId(8202);
      learnerRow(replier, 0);
      expect((await postEvent(server.url, textEvent(replier, "trợ giúp"))).status).toBe(200);
      await fake.waitFor(() => statusOf(free!) === "sent" && fake.textsFor(replier).length === 1, 5000, "free reminder and reply");
    },
  );

  it("-221 (not verified) refusing replies too: one alert saying so, each reply failed with the reason, none retried", async () => {
    const people = Array.from({ length: 6 }, (_, i) => userId(8300 + i));
    for (const u of people) {
      learnerRow(u, 0);
      fake.refuse.set(u, -221);
    }
    const replies = people.flatMap((u) => send(u, "Đây là câu trả lời"));
    await fake.waitFor(() => replies.every((id) => statusOf(id) === "failed"), 5000, "all failed");
    await server.dispatcher.drain();
    for (const u of people) expect(requestsTo(u)).toBe(1);
    const errors = server.db.prepare("SELECT DISTINCT last_error FROM outbox").pluck().all() as string[];
    expect(errors).toEqual([expect.stringMatching(/^-221: /)]);
    const alerts = server.db.prepare("SELECT kind, message, seen FROM operator_alerts").all() as { kind: string; message: string; seen: number }[];
    expect(alerts).toEqual([{ kind: "zalo_oa_not_verified", message: expect.stringContaining("Replies may be refused too"), seen: 6 }]);
    expect(alerts[0]!.message).not.toMatch(/replies still go out/i);
  });
});
