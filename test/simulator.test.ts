import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingWork } from "./support/chat.js";
import { localEnv, startTestServer, textEvent, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(localEnv());
});
afterAll(async () => {
  await server.stop();
});

const api = async (path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/sim/api${path}`, body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

async function conversation(userId: string, count: number): Promise<any[]> {
  const end = Date.now() + 5000;
  for (;;) {
    const { body } = await api(`/users/${userId}/messages`);
    if (body.messages.length >= count || Date.now() > end) return body.messages;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("simulator mode (no Zalo credentials)", () => {
  it("reports simulator mode on /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(await res.json()).toMatchObject({ ok: true, mode: "simulator" });
  });

  it("serves the /sim page in Vietnamese", async () => {
    const res = await fetch(`${server.url}/sim`);
    const html = await res.text();
    expect(res.headers.get("content-type")).toMatch(/html/);
    expect(html).toContain('lang="vi"');
    expect(html).toContain("Quan tâm OA");
  });

  it("a citizen follows the OA, gets the welcome, types trợ giúp and gets the menu", async () => {
    const created = await api("/users", { name: "Bà Lan 👵" });
    expect(created.status).toBe(201);
    const id = created.body.user.user_id as string;
    expect(id).toMatch(/^\d{19}$/);
    expect((await api(`/users/${id}/follow`, {})).status).toBe(200);
    const afterFollow = await conversation(id, 1);
    expect(afterFollow[0].direction).toBe("out");
    expect(afterFollow[0].body.text).toContain("Chào mừng bạn đến với Kỹ Năng Số");
    const buttons = afterFollow[0].body.attachment.payload.buttons;
    expect(buttons.map((b: { title: string }) => b.title)).toContain("Xem hướng dẫn");

    await api(`/users/${id}/messages`, { text: "TRO GIUP" });
    const afterHelp = await conversation(id, 3);
    expect(afterHelp[1]).toMatchObject({ direction: "in", body: { text: "TRO GIUP" } });
    expect(afterHelp[2].body.text).toContain("Bạn có thể nhắn cho tôi");

    // Tapping the welcome's hidden-query button takes the same path.
    const help = buttons.find((b: { title: string }) => b.title === "Xem hướng dẫn");
    await api(`/users/${id}/messages`, { payload: help.payload, title: help.title });
    const afterTap = await conversation(id, 5);
    expect(afterTap[3].body).toEqual({ tapped: "Xem hướng dẫn", payload: "#help" });
    expect(afterTap[4].body.text).toContain("Bạn có thể nhắn cho tôi");
  });

  it("answers text it does not understand kindly, in short, with buttons", async () => {
    const { body } = await api("/users", { name: "Ông Ba" });
    const id = body.user.user_id;
    await api(`/users/${id}/follow`, {});
    await api(`/users/${id}/messages`, { text: "con trâu nhà tôi 🐃 ăn gì?" });
    const msgs = await conversation(id, 3);
    expect(msgs[2].body.text).toMatch(/^Xin lỗi, tôi chưa hiểu ý bạn/);
  });

  it("like Zalo, does not deliver to someone who does not follow the OA", async () => {
    const { body } = await api("/users", { name: "Chị Hoa" });
    const id = body.user.user_id;
    await api(`/users/${id}/messages`, { text: "trợ giúp" });
    await new Promise((r) => setTimeout(r, 300));
    const status = await server.store.column("SELECT status FROM outbox WHERE user_id = ?", [id]);
    // The welcome (first contact) and the menu: neither reaches someone who does not follow.
    expect(status.length).toBeGreaterThan(0);
    expect(new Set(status)).toEqual(new Set(["unreachable"]));
    expect((await api(`/users/${id}/messages`)).body.messages.filter((m: { direction: string }) => m.direction === "out")).toEqual([]);
  });

  it("rejects a webhook event signed with the wrong key, even in simulator mode", async () => {
    const event = textEvent("7000000000000000001", "hi");
    const raw = JSON.stringify(event);
    const res = await fetch(`${server.url}/webhooks/zalo`, { method: "POST", headers: { "Content-Type": "application/json", "X-ZEvent-Signature": "mac=" + "0".repeat(64) }, body: raw });
    expect(res.status).toBe(401);
  });

  it("pages a long conversation by id: each stored message once, in order, whatever 'after' says", async () => {
    const { body } = await api("/users", { name: "Cô Mai" });
    const id = body.user.user_id as string;
    await api(`/users/${id}/follow`, {});
    for (const text of ["#consent:no", "trợ giúp", "bài 1", "tiến độ", "mẹo", "bài 2", "xyz", "học"]) await api(`/users/${id}/messages`, { text });
    const stored = () => server.store.column<number>("SELECT id FROM sim_messages WHERE user_id = ? ORDER BY id", [id]);
    await conversation(id, 20);
    // Every reply stored before paging: a message arriving mid-way would be missing from `seen` only.
    for (const end = Date.now() + 10_000; (await pendingWork(server.store)) > 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    const seen: number[] = [];
    for (let after = 0, page = 0; page < 50; page++) {
      const { messages } = (await api(`/users/${id}/messages?after=${after}`)).body as { messages: { id: number }[] };
      if (!messages.length) break;
      seen.push(...messages.map((m) => m.id));
      after = messages[messages.length - 1]!.id;
    }
    expect(seen).toEqual(await stored());
    expect(new Set(seen).size).toBe(seen.length);
    for (const bad of ["abc", "-5", "", "1e400"]) {
      expect((await api(`/users/${id}/messages?after=${bad}`)).body.messages.map((m: { id: number }) => m.id)).toEqual(await stored());
    }
  });

  it("rejects bad simulator input with a message", async () => {
    expect((await api("/users", { name: "" })).status).toBe(400);
    expect((await api("/users/123/messages", { text: "x" })).status).toBe(404);
  });
});

describe("GET /api/lessons", () => {
  it("lists the 12 national lessons in order with summary fields only", async () => {
    const res = await fetch(`${server.url}/api/lessons`);
    expect(res.status).toBe(200);
    const { lessons } = (await res.json()) as { lessons: Record<string, unknown>[] };
    expect(lessons.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(lessons[0]).toMatchObject({ title: "Sử dụng trình duyệt an toàn" });
    expect(lessons[11]).toMatchObject({ title: "Giải trí trực tuyến" });
    expect(Object.keys(lessons[4]!).sort()).toEqual(["id", "minutes", "slug", "summary", "title"]);
    for (const l of lessons) expect(l.title).toBe((l.title as string).normalize("NFC"));
  });
});

describe("Mini App preview", () => {
  it("serves the app at / and its client routes, but not server paths", async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get("content-type")).toMatch(/html/);
    expect(await home.text()).toContain('<div id="app">');
    const deep = await fetch(`${server.url}/lesson/3`, { headers: { Accept: "text/html" } });
    expect(await deep.text()).toContain('<div id="app">');
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
  });
});
