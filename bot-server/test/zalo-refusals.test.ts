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
const statusOf = (id: number) => server.store.value<string>("SELECT status FROM outbox WHERE id = ?", [id]);
const statusesOf = (ids: number[]) => Promise.all(ids.map(statusOf));
const requestsTo = (u: string) => fake.sendRequests.filter((r) => r.userId === u).length;
const learnerRow = (u: string, silentHours: number) =>
  server.store.run("INSERT INTO learners (zalo_user_id, consent, follows_oa, last_interaction_at, created_at, updated_at) VALUES (?, 'granted', 1, ?, '', '')", [
    u,
    new Date(Date.now() - silentHours * 3_600_000).toISOString(),
  ]);
/** A reminder queued as the one door queues it: the outbox row and the person's send record together. */
const nudge = (u: string) =>
  server.store.transaction(async () => {
    const ids = await send(u, "Đến giờ học rồi", "reminder");
    const learnerId = (await server.learning.learners.byZaloUserId(u))!.id;
    await server.store.run("INSERT INTO outreach_sends (learner_id, day, kind, slot, queued_at, outbox_id) VALUES (?, '2026-12-02', 'reminder', '', ?, ?)", [
      learnerId,
      new Date().toISOString(),
      ids[0]!,
    ]);
    return ids;
  });
const sendRecords = (u: string) =>
  server.store.value("SELECT COUNT(*) FROM outreach_sends s JOIN learners l ON l.id = s.learner_id WHERE l.zalo_user_id = ?", [u]);
const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, any>;

describe("refusals in the dispatcher", () => {
  it("-305 (no reply after 48 h) marks the person like -230: no retry, their queued messages stop", async () => {
    const u = userId(8001);
    await learnerRow(u, 50);
    fake.refuse.set(u, -305);
    const ids = [...(await send(u, "một")), ...(await send(u, "hai"))];
    await fake.waitFor(async () => (await statusOf(ids[0]!)) === "unreachable", 5000, "unreachable");
    await server.dispatcher.drain();
    expect(await statusesOf(ids)).toEqual(["unreachable", "unreachable"]);
    expect(requestsTo(u)).toBe(1);
    expect((await server.learning.learners.byZaloUserId(u))?.unreachable_reason).toMatch(/-305/);
    // Treated like -230 by the one door: nothing proactive until the person writes again.
    const learner = (await server.processing!.outreach.proactive.learner((await server.learning.learners.byZaloUserId(u))!.id))!;
    expect(await server.processing!.outreach.proactive.refusal(learner, new Date())).toBe("unreachable");
  });

  it("-311 (reply quota) backs off and then delivers, once", async () => {
    fake.behaviours.push({ kind: "error", code: -311 }, { kind: "error", code: -311 }, { kind: "error", code: -311 });
    const u = userId(8002);
    const [id] = await send(u, "tin sau khi hết hạn mức");
    await fake.waitFor(async () => (await statusOf(id!)) === "sent", 5000, "delivered after the quota");
    expect(requestsTo(u)).toBe(4);
    expect(fake.textsFor(u)).toEqual(["tin sau khi hết hạn mức"]);
  });

  it.each([-221, -320, -321])(
    "%i raises one operator alert however many messages fail; /healthz shows it; queued nudges stop, free messages go on",
    async (code) => {
      const refused = Array.from({ length: 12 }, (_, i) => userId(8100 + i));
      for (const u of refused) {
        await learnerRow(u, 72); // three days silent: a reminder now is a paid message
        fake.refuse.set(u, code);
      }
      const failing = (await Promise.all(refused.map(nudge))).flat();
      await fake.waitFor(async () => (await statusesOf(failing)).every((s) => s !== "pending" && s !== "sending"), 5000, "all settled");
      // Some went out and failed before the alert stood; the others were held back, none retried.
      const statuses = await statusesOf(failing);
      expect(statuses.every((s) => s === "failed" || s === "cancelled")).toBe(true);
      expect(statuses).toContain("failed");
      for (const u of refused) expect(requestsTo(u)).toBeLessThanOrEqual(1);
      // None of those nudges went out: none uses up the person's one nudge or the day's cap.
      for (const u of refused) expect(await sendRecords(u)).toBe(0);
      const kind = code === -221 ? "zalo_oa_not_verified" : "zalo_paid_feature";
      const alerts = await server.store.all<{ kind: string; seen: number }>("SELECT kind, seen FROM operator_alerts");
      expect(alerts).toEqual([{ kind, seen: statuses.filter((s) => s === "failed").length }]);

      const h = await health();
      expect(h.ok).toBe(true);
      expect(h.alerts).toHaveLength(1);
      expect(h.alerts[0]).toEqual({ kind, since: expect.any(String), message: expect.stringContaining(String(code)) });
      for (const u of refused) expect(JSON.stringify(h)).not.toContain(u);

      // A nudge queued for someone else three days silent is dropped at send time, never sent.
      const other = userId(8200);
      await learnerRow(other, 72);
      const [held] = await nudge(other);
      await fake.waitFor(async () => (await statusOf(held!)) === "cancelled", 5000, "held back");
      expect(requestsTo(other)).toBe(0);
      expect(await sendRecords(other)).toBe(0);
      // When the alert is gone, that person's one nudge is still theirs to get.
      await server.store.run("DELETE FROM operator_alerts");
      const proactive = server.processing!.outreach.proactive;
      expect(await proactive.sentSince((await server.learning.learners.byZaloUserId(other))!.id, "2000-01-01T00:00:00.000Z")).toBe(0);
      // A reminder within 48 hours is free: it still goes.
      const recent = userId(8201);
      await learnerRow(recent, 5);
      const [free] = await send(recent, "Đến giờ học rồi", "reminder");
      // And replies keep working, through the real webhook path.
      const replier = userId(8202);
      await learnerRow(replier, 0);
      expect((await postEvent(server.url, textEvent(replier, "trợ giúp"))).status).toBe(200);
      await fake.waitFor(async () => (await statusOf(free!)) === "sent" && fake.textsFor(replier).length === 1, 5000, "free reminder and reply");
    },
  );

  it("-221 (not verified) refusing replies too: one alert saying so, each reply failed with the reason, none retried", async () => {
    const people = Array.from({ length: 6 }, (_, i) => userId(8300 + i));
    for (const u of people) {
      await learnerRow(u, 0);
      fake.refuse.set(u, -221);
    }
    const replies = (await Promise.all(people.map((u) => send(u, "Đây là câu trả lời")))).flat();
    await fake.waitFor(async () => (await statusesOf(replies)).every((s) => s === "failed"), 5000, "all failed");
    await server.dispatcher.drain();
    for (const u of people) expect(requestsTo(u)).toBe(1);
    const errors = await server.store.column<string>("SELECT DISTINCT last_error FROM outbox");
    expect(errors).toEqual([expect.stringMatching(/^-221: /)]);
    const alerts = await server.store.all<{ kind: string; message: string; seen: number }>("SELECT kind, message, seen FROM operator_alerts");
    expect(alerts).toEqual([{ kind: "zalo_oa_not_verified", message: expect.stringContaining("Replies may be refused too"), seen: 6 }]);
    expect(alerts[0]!.message).not.toMatch(/replies still go out/i);
  });
});
