import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeZalo } from "../../test/support/fake-zalo.js";
import { OA_ID, APP_ID, followEvent, postEvent, signed, startWithFakeZalo, textEvent, userId, type TestServer } from "../../test/support/server.js";

let fake: FakeZalo;
let server: TestServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, server, stop } = await startWithFakeZalo());
});
afterAll(async () => {
  await stop();
});

const rawPost = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/webhooks/zalo`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });

const inboxCount = async () => (await server.store.value<number>("SELECT COUNT(*) FROM inbox"))!;

describe("POST /webhooks/zalo signature", () => {
  it("accepts a correctly signed event and stores it before answering", async () => {
    const before = await inboxCount();
    const res = await postEvent(server.url, textEvent(userId(1), "xin chào"));
    expect(res.status).toBe(200);
    expect(await inboxCount()).toBe(before + 1);
  });

  it("accepts the bare hex form of the signature", async () => {
    const event = textEvent(userId(2), "chào");
    const raw = JSON.stringify(event);
    const res = await rawPost(raw, { "X-ZEvent-Signature": signed(raw, String(event.timestamp)).slice(4) });
    expect(res.status).toBe(200);
  });

  it("rejects a missing signature with 401 and stores nothing", async () => {
    const before = await inboxCount();
    const res = await rawPost(JSON.stringify(textEvent(userId(3), "hi")));
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it("rejects a signature made with another key", async () => {
    const event = textEvent(userId(3), "hi");
    const raw = JSON.stringify(event);
    const res = await rawPost(raw, { "X-ZEvent-Signature": signed(raw, String(event.timestamp), "not-the-key") });
    expect(res.status).toBe(401);
  });

  it("rejects a body changed after signing", async () => {
    const event = textEvent(userId(3), "chuyển 100 nghìn");
    const raw = JSON.stringify(event);
    const sig = signed(raw, String(event.timestamp));
    const res = await rawPost(raw.replace("100", "900"), { "X-ZEvent-Signature": sig });
    expect(res.status).toBe(401);
  });

  it("rejects a signature over re-serialised JSON (must be the raw body)", async () => {
    const event = textEvent(userId(3), "hi");
    const pretty = JSON.stringify(event, null, 2);
    const res = await rawPost(pretty, { "X-ZEvent-Signature": signed(JSON.stringify(event), String(event.timestamp)) });
    expect(res.status).toBe(401);
  });

  it("rejects a signature with the timestamp of another event", async () => {
    const event = textEvent(userId(3), "hi");
    const raw = JSON.stringify(event);
    const res = await rawPost(raw, { "X-ZEvent-Signature": signed(raw, String(Number(event.timestamp) + 1)) });
    expect(res.status).toBe(401);
  });

  it("keeps Vietnamese and emoji text byte-exact through signing and storage", async () => {
    const text = "Bà ơi, con muốn học bài 3 nhé 👵🏻📱 — được không ạ?";
    const event = textEvent(userId(4), text);
    const res = await postEvent(server.url, event);
    expect(res.status).toBe(200);
    const raw = (await server.store.value<string>("SELECT raw FROM inbox WHERE dedupe_key LIKE ?", [`%${(event.message as { msg_id: string }).msg_id}`]))!;
    expect(JSON.parse(raw).message.text).toBe(text);
  });
});

describe("POST /webhooks/zalo bad input", () => {
  it("answers 400 for a body that is not JSON", async () => {
    const res = await rawPost("{not json", { "X-ZEvent-Signature": "mac=00" });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/not JSON/);
  });

  it("answers 400 for JSON that is not an event (signed correctly)", async () => {
    for (const body of [{ hello: "world", timestamp: "1" }, { event_name: "", timestamp: "1" }, { event_name: 42, timestamp: "1" }]) {
      const raw = JSON.stringify(body);
      const res = await rawPost(raw, { "X-ZEvent-Signature": signed(raw, "1") });
      expect(res.status).toBe(400);
    }
    const arr = "[1,2]";
    expect((await rawPost(arr, { "X-ZEvent-Signature": signed(arr, "") })).status).toBe(400);
  });

  it("answers 413 for a body over 1 MB without reading it all into the inbox", async () => {
    const before = await inboxCount();
    const big = JSON.stringify(textEvent(userId(5), "x".repeat(1_100_000)));
    const res = await rawPost(big, { "X-ZEvent-Signature": "mac=00" });
    expect(res.status).toBe(413);
    expect(await inboxCount()).toBe(before);
  });

  it("stores unknown event names and answers 200, then ignores them (no reply)", async () => {
    const event = { app_id: APP_ID, event_name: "user_did_something_new", timestamp: String(Date.now()), sender: { id: userId(6) }, recipient: { id: OA_ID } };
    const res = await postEvent(server.url, event);
    expect(res.status).toBe(200);
    // Handled by this call, or by the running worker (on a shared store it holds the row meanwhile).
    await server.inboxWorker.processPending();
    const status = () => server.store.value<string>("SELECT status FROM inbox WHERE event_name = ?", ["user_did_something_new"]);
    for (const end = Date.now() + 5000; (await status()) === "pending" && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    expect(await status()).toBe("done");
    expect(await server.store.value("SELECT COUNT(*) FROM outbox WHERE user_id = ?", [userId(6)])).toBe(0);
  });

  it("keeps an id sent as a bare big number exact", async () => {
    const ts = String(Date.now());
    const raw = `{"app_id":"${APP_ID}","event_name":"user_send_text","timestamp":"${ts}","sender":{"id":7123456789012345678},"recipient":{"id":"${OA_ID}"},"message":{"text":"số","msg_id":"bigint-1"}}`;
    const res = await rawPost(raw, { "X-ZEvent-Signature": signed(raw, ts) });
    expect(res.status).toBe(200);
    const stored = await server.store.value("SELECT user_id FROM inbox WHERE dedupe_key = ?", ["user_send_text:msg:bigint-1"]);
    expect(stored).toBe("7123456789012345678");
  });
});

describe("POST /webhooks/zalo retries from Zalo", () => {
  it("handles a redelivered message once: one inbox row, one reply", async () => {
    const u = userId(7);
    const event = textEvent(u, "trợ giúp");
    const answers = await Promise.all([postEvent(server.url, event), postEvent(server.url, event), postEvent(server.url, event)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies.filter((b) => b.duplicate === false)).toHaveLength(1);
    // Someone new: the first-contact welcome, then the menu, each once.
    await fake.waitFor(() => fake.textsFor(u).length >= 2, 5000, "reply");
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.textsFor(u)).toHaveLength(2);
  });

  it("recognises a retried follow by event name, user and timestamp", async () => {
    const u = userId(8);
    const event = followEvent(u);
    await postEvent(server.url, event);
    const again = await postEvent(server.url, event);
    expect((await again.json()).duplicate).toBe(true);
    const later = await postEvent(server.url, { ...event, timestamp: String(Number(event.timestamp) + 5000) });
    expect((await later.json()).duplicate).toBe(false);
  });

  it("takes the person from `recipient` for delivery receipts (OA is the sender)", async () => {
    const u = userId(9);
    const event = { app_id: APP_ID, event_name: "user_received_message", timestamp: String(Date.now()), sender: { id: OA_ID }, recipient: { id: u }, message: { msg_id: "receipt-1" } };
    expect((await postEvent(server.url, event)).status).toBe(200);
    const stored = await server.store.value("SELECT user_id FROM inbox WHERE dedupe_key = ?", ["user_received_message:msg:receipt-1"]);
    expect(stored).toBe(u);
  });
});

describe("POST /webhooks/zalo with a wrong OA secret key configured", () => {
  it("repeated bad signatures raise one operator alert in /healthz; a good signed event is still accepted and clears it", async () => {
    // The server was given the app secret instead of the OA Secret Key: every real event fails.
    const wrong = await startWithFakeZalo({ ZALO_OA_SECRET_KEY: "the-app-secret-by-mistake" });
    try {
      const health = async () => (await (await fetch(`${wrong.server.url}/healthz`)).json()) as { ok: boolean; alerts: { kind: string; message: string }[] };
      // Anyone's noise first: unsigned POSTs, and signed ones for another app id, however many: no alert.
      const post = (event: Record<string, unknown>, headers: Record<string, string> = {}) =>
        fetch(`${wrong.server.url}/webhooks/zalo`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(event) });
      for (let i = 0; i < 10; i++) {
        expect((await post(textEvent(userId(30 + i), "chào"))).status).toBe(401);
        const foreign = textEvent(userId(30 + i), "chào", { app_id: "1111111111111111111" });
        expect((await post(foreign, { "X-ZEvent-Signature": "mac=" + "0".repeat(64) })).status).toBe(401);
      }
      expect((await health()).alerts).toEqual([]);
      // Zalo's own events (signed, our app id) failing because the key is wrong: these count.
      for (let i = 0; i < 4; i++) expect((await postEvent(wrong.server.url, textEvent(userId(40 + i), "chào"))).status).toBe(401);
      expect((await health()).alerts).toEqual([]);
      for (let i = 0; i < 20; i++) expect((await postEvent(wrong.server.url, textEvent(userId(50 + i), "chào"))).status).toBe(401);
      const alerted = await health();
      expect(alerted.ok).toBe(true);
      expect(alerted.alerts).toEqual([{ kind: "webhook_bad_signatures", since: expect.any(String), message: expect.stringContaining("ZALO_OA_SECRET_KEY") }]);
      expect(JSON.stringify(alerted)).not.toContain("the-app-secret-by-mistake");
      expect(await wrong.server.store.value("SELECT seen FROM operator_alerts")).toBe(1); // raised once, not per request

      const good = await postEvent(wrong.server.url, textEvent(userId(70), "chào"), "the-app-secret-by-mistake");
      expect(good.status).toBe(200);
      expect((await health()).alerts).toEqual([]);
    } finally {
      await wrong.stop();
    }
  });
});
