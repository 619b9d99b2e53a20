import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeZalo } from "../../test/support/fake-zalo.js";
import { startWithFakeZalo, userId, type TestServer } from "../../test/support/server.js";

let fake: FakeZalo;
let server: TestServer;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ fake, server, stop } = await startWithFakeZalo({ ZALO_HTTP_TIMEOUT_MS: "300" }));
});
afterEach(async () => {
  await stop();
});

const send = (u: string, text: string) => server.outbox.enqueue(u, { type: "text", text }, { kind: "reply" });
const statusOf = (id: number) => server.store.value<string>("SELECT status FROM outbox WHERE id = ?", [id]);

describe("outbox dispatcher", () => {
  it("retries through 5xx answers and rate limiting until delivered, once", async () => {
    fake.behaviours.push({ kind: "http", status: 500 }, { kind: "http", status: 502 }, { kind: "error", code: -32 }, { kind: "error", code: -100 });
    const u = userId(1);
    const [id] = await send(u, "Bài 1 đây ạ");
    await fake.waitFor(() => fake.delivered.length === 1, 5000, "delivery");
    await server.dispatcher.drain();
    expect(fake.sendRequests).toHaveLength(5);
    expect(fake.textsFor(u)).toEqual(["Bài 1 đây ạ"]);
    expect(await statusOf(id!)).toBe("sent");
  });

  it("after a timeout with no answer, resends only if Zalo's history lacks the message", async () => {
    const u = userId(2);
    fake.behaviours.push({ kind: "hang" });
    await send(u, "tin thứ nhất");
    await fake.waitFor(() => fake.delivered.length === 1, 5000, "resend after timeout");
    await server.dispatcher.drain();
    expect(fake.textsFor(u)).toEqual(["tin thứ nhất"]);
  });

  it("after a timeout where Zalo did take the message, does not send it again", async () => {
    const u = userId(3);
    fake.behaviours.push({ kind: "accept-then-hang" });
    const [id] = await send(u, "chỉ một lần thôi");
    await fake.waitFor(async () => (await statusOf(id!)) === "sent", 5000, "reconciled as sent");
    expect(fake.textsFor(u)).toEqual(["chỉ một lần thôi"]);
    expect(fake.sendRequests.filter((r) => r.userId === u)).toHaveLength(1);
  });

  it.each([
    ["a gateway's 502", 502, { message: "bad gateway" }],
    ["a gateway's 504", 504, { message: "gateway timeout" }],
    ["an answer without an error field", 200, { data: {} }],
  ])("after %s from a send Zalo did take, reads the history and does not send again", async (_what, status, body) => {
    const u = userId(6);
    fake.behaviours.push({ kind: "accept-then-answer", status, body });
    const [id] = await send(u, "chỉ một bản");
    await fake.waitFor(async () => (await statusOf(id!)) === "sent", 5000, "reconciled as sent");
    expect(fake.sendRequests).toHaveLength(1);
    expect(await server.store.value("SELECT zalo_message_id FROM outbox WHERE id = ?", [id!])).toBe(fake.delivered[0]!.messageId);
  });

  it("after a clear refusal (429) resends without reading the history", async () => {
    const u = userId(7);
    fake.behaviours.push({ kind: "http", status: 429 });
    const [id] = await send(u, "thử lại");
    await fake.waitFor(async () => (await statusOf(id!)) === "sent", 5000, "sent");
    expect(fake.sendRequests).toHaveLength(2);
    expect(fake.conversationRequests).toBe(0);
  });

  it("never reclaims its own row while that send is still under way, even past the lease", async () => {
    const slow = await startWithFakeZalo({ ZALO_HTTP_TIMEOUT_MS: "3000" }, { dispatcher: { leaseMs: 50 } });
    try {
      const u = userId(5);
      slow.fake.behaviours.push({ kind: "delay", ms: 600 }); // Zalo answers, but long after the lease ran out
      const [id] = await slow.server.outbox.enqueue(u, { type: "text", text: "gửi một lần" }, { kind: "reply" });
      await slow.fake.waitFor(async () => (await slow.server.store.value("SELECT status FROM outbox WHERE id = ?", [id!])) === "sent", 5000, "sent");
      await slow.server.dispatcher.drain();
      expect(slow.fake.sendRequests).toHaveLength(1);
      expect(slow.fake.textsFor(u)).toEqual(["gửi một lần"]);
    } finally {
      await slow.stop();
    }
  });

  it("keeps each person's messages in order even when the first one needs retries", async () => {
    const u = userId(4);
    fake.behaviours.push({ kind: "http", status: 503 }, { kind: "http", status: 503 });
    for (let i = 1; i <= 5; i++) await send(u, `tin ${i}`);
    await fake.waitFor(() => fake.textsFor(u).length === 5, 5000, "five messages");
    expect(fake.textsFor(u)).toEqual(["tin 1", "tin 2", "tin 3", "tin 4", "tin 5"]);
  });

  it("stops at 'cannot reach this person' codes: no retry, learner marked, queued messages stopped", async () => {
    for (const [n, code] of [[10, -213], [11, -217], [12, -227], [13, -230], [14, -232], [15, -234], [16, -244]] as const) {
      const u = userId(n);
      await server.store.run("INSERT INTO learners (zalo_user_id, created_at, updated_at) VALUES (?, '', '')", [u]);
      fake.refuse.set(u, code);
      const ids = [...(await send(u, "nhắc học 1")), ...(await send(u, "nhắc học 2"))];
      await fake.waitFor(async () => (await statusOf(ids[0]!)) === "unreachable", 5000, `unreachable ${code}`);
      await server.dispatcher.drain();
      expect(await Promise.all(ids.map(statusOf))).toEqual(["unreachable", "unreachable"]);
      expect(fake.sendRequests.filter((r) => r.userId === u)).toHaveLength(1);
      const reason = await server.store.value<string>("SELECT unreachable_reason FROM learners WHERE zalo_user_id = ?", [u]);
      expect(reason).toContain(String(code));
    }
  });

  it("gives up at once on a request Zalo calls invalid", async () => {
    fake.behaviours.push({ kind: "error", code: -201, message: "Parameters are invalid" });
    const [id] = await send(userId(20), "x");
    await fake.waitFor(async () => (await statusOf(id!)) === "failed", 5000, "failed");
    expect(fake.sendRequests).toHaveLength(1);
  });

  it("splits a text over 2,000 characters at sentence ends into several messages, buttons on the last", async () => {
    const u = userId(21);
    const sentence = "Đây là một câu dài để thử việc chia tin nhắn cho đúng giới hạn của Zalo. ";
    const ids = await server.outbox.enqueue(u, { type: "text", text: sentence.repeat(70), buttons: [{ type: "query", title: "Tiếp", payload: "#next" }] }, { kind: "reply" });
    expect(ids.length).toBeGreaterThan(1);
    await fake.waitFor(() => fake.textsFor(u).length === ids.length, 5000, "all parts");
    const texts = fake.textsFor(u) as string[];
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(2000);
      expect(t.endsWith(".")).toBe(true);
    }
    expect(texts.join(" ")).toBe(sentence.repeat(70).trim());
    const withButtons = fake.delivered.filter((d) => d.userId === u && (d.body.message as { attachment?: unknown }).attachment);
    expect(withButtons.map((d) => d.text)).toEqual([texts.at(-1)]);
  });
});

describe("outbox claims under a backlog", () => {
  /** Rows taken by each claim of the dispatcher's own outbox. */
  function countClaims(target: TestServer): number[] {
    const outbox = target.processing!.outbox;
    const claim = outbox.claimDue.bind(outbox);
    const taken: number[] = [];
    outbox.claimDue = async (limit, owner, leaseMs, inFlight) => {
      const rows = await claim(limit, owner, leaseMs, inFlight);
      if (rows.length) taken.push(rows.length);
      return rows;
    };
    return taken;
  }

  it("claims several messages per durable commit instead of one per finished send", async () => {
    fake.sendDelayMs = 5;
    const taken = countClaims(server);
    const users = Array.from({ length: 40 }, (_, i) => userId(400 + i));
    // One commit: the whole backlog is there when the dispatcher first claims.
    await server.store.transaction(async () => {
      for (const u of users) await send(u, "tin nhắn hàng loạt 📣");
    });
    await fake.waitFor(() => fake.delivered.length === 40, 8000, "40 deliveries");
    await server.dispatcher.drain();
    expect(taken.reduce((a, b) => a + b, 0)).toBe(40);
    // The first claim fills the 8 send slots; after that each claim waits until 4 can go together.
    expect(taken[0]).toBe(8);
    expect(taken.slice(1, -1).every((n) => n >= 4)).toBe(true);
    expect(new Set(fake.delivered.map((d) => d.userId)).size).toBe(40);
    // A message on a quiet queue goes out on its own, at once.
    await send(userId(480), "một tin lẻ");
    await fake.waitFor(() => fake.delivered.length === 41, 2000, "the single message");
  });

  it("still drains when the rate allows fewer messages a second than a batch", async () => {
    const slow = await startWithFakeZalo({ OUTBOX_RATE_PER_MINUTE: "180" }); // 3 a second: less than a batch of 4
    try {
      const taken = countClaims(slow.server);
      await slow.server.store.transaction(async () => {
        for (let i = 0; i < 7; i++) await slow.server.outbox.enqueue(userId(500 + i), { type: "text", text: `tin ${i}` }, { kind: "reply" });
      });
      await slow.fake.waitFor(() => slow.fake.delivered.length === 7, 8000, "7 deliveries at 3 a second");
      expect(taken.reduce((a, b) => a + b, 0)).toBe(7);
    } finally {
      await slow.stop();
    }
  });
});

describe("OA token refresh", () => {
  it("on -216 under concurrent sends refreshes exactly once, commits the new pair, then delivers all", async () => {
    // Zalo has moved on to a token this server does not know yet.
    fake.accessToken = "rotated-by-zalo";
    fake.refreshDelayMs = 150;
    const users = Array.from({ length: 20 }, (_, i) => userId(100 + i));
    await Promise.all(users.map((u) => send(u, "xin chào")));
    await fake.waitFor(() => fake.delivered.length === 20, 8000, "20 deliveries");
    expect(fake.refreshRequests).toHaveLength(1);
    const req = fake.refreshRequests[0]!;
    expect(req.secretKey).toBe(fake.appSecret);
    expect(req.form.get("refresh_token")).toBe("refresh-1");
    expect(req.form.get("app_id")).toBe(server.config.ZALO_APP_ID);
    const row = (await server.store.get<Record<string, string>>("SELECT access_token, refresh_token, expires_at FROM oa_tokens"))!;
    expect(row.access_token).toBe(fake.accessToken);
    expect(row.refresh_token).toBe(fake.refreshToken);
    expect(Date.parse(row.expires_at!) - Date.now()).toBeGreaterThan(89_000_000);
    expect(new Set(fake.delivered.map((d) => d.accessToken))).toEqual(new Set([fake.accessToken]));
  });

  it("refreshes ahead of expiry, before Zalo refuses anything", async () => {
    fake.expiresIn = "300"; // five minutes: inside the ten-minute margin
    fake.accessToken = "rotated-by-zalo";
    await send(userId(200), "một");
    await fake.waitFor(() => fake.delivered.length === 1, 5000, "first");
    expect(fake.refreshRequests).toHaveLength(1);
    fake.expiresIn = "90000";
    await send(userId(201), "hai");
    await fake.waitFor(() => fake.delivered.length === 2, 5000, "second");
    // The second send saw a token due for refresh (300 s left) and refreshed before sending.
    expect(fake.refreshRequests).toHaveLength(2);
    expect(fake.sendRequests.filter((r) => r.accessToken !== fake.accessToken && r.userId === userId(201))).toHaveLength(0);
  });

  it("a refused refresh leaves the message queued, not lost", async () => {
    fake.accessToken = "rotated-by-zalo";
    fake.refreshToken = "something-else"; // our refresh token no longer works
    const [id] = await send(userId(300), "đừng mất tin này");
    await fake.waitFor(() => fake.refreshRequests.length >= 2, 5000, "retried refresh");
    expect(await statusOf(id!)).toMatch(/pending|sending/);
    expect(fake.delivered).toHaveLength(0);
  });
});
