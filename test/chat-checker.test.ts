import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WELCOME } from "../bot-server/src/chat/handlers/welcome.js";
import type { FakeZalo } from "./support/fake-zalo.js";
import { postEvent, startWithFakeZalo, textEvent, userId, type TestServer } from "./support/server.js";

/**
 * The link and phone checker through the real path: signed webhook in, inbox, dispatcher, outbox, a CS
 * call to the fake Zalo out. Replies are read as the person would read them.
 */
let fake: FakeZalo;
let server: TestServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, server, stop } = await startWithFakeZalo());
});
afterAll(async () => {
  await stop();
});

/** The checker's own opening, which no other handler writes. */
const CHECKER_REPLY = /^🔍 (Tôi đã xem|Tin của bạn có)/u;

/** Posts an event and returns the texts its handler queued (all of them, once the event is handled). */
async function repliesTo(event: Record<string, unknown>): Promise<string[]> {
  expect((await postEvent(server.url, event)).status).toBe(200);
  const msgId = (event.message as { msg_id: string }).msg_id;
  const key = `${event.event_name}:msg:${msgId}`;
  const row = () => server.store.get<{ id: number; status: string }>("SELECT id, status FROM inbox WHERE dedupe_key = ?", [key]);
  await fake.waitFor(async () => (await row())?.status === "done", 5000, `event ${key} handled`);
  const messages = await server.store.column<string>("SELECT message FROM outbox WHERE source_event_id = ? ORDER BY id", [(await row())!.id]);
  // A first message from someone new is also greeted (welcome + consent): that reply is not the checker's.
  return messages.map((m) => (JSON.parse(m) as { text?: string }).text ?? "").filter((t) => !t.startsWith(WELCOME));
}

/** The checker's reply as delivered to the fake Zalo. */
async function deliveredCheck(u: string): Promise<string> {
  await fake.waitFor(() => fake.textsFor(u).some((t) => t && CHECKER_REPLY.test(t)), 5000, "checker reply delivered");
  return fake.textsFor(u).find((t) => t && CHECKER_REPLY.test(t))!;
}

describe("checker in chat", () => {
  it("answers a scam look-alike link with the verdict, the reasons and what to do", async () => {
    const u = userId(401);
    await postEvent(server.url, textEvent(u, "vietcombank-xacminh.com"));
    const reply = await deliveredCheck(u);
    expect(reply).toContain("vietcombank-xacminh.com");
    expect(reply).toContain("Rất có thể là lừa đảo");
    expect(reply).toContain("vietcombank.com.vn");
    expect(reply).toContain("tinnhiemmang.vn");
    expect(reply).toContain("5656");
    expect(reply.toLowerCase()).not.toContain("an toàn tuyệt đối");
  });

  it("finds a link inside a Vietnamese sentence with emoji and an invisible character", async () => {
    const u = userId(402);
    await postEvent(server.url, textEvent(u, "Con ơi, tin nhắn này bảo mẹ vào https://dichvucong.bvgov.com/\u200btai-app để nhận tiền 😟 có đúng không?"));
    const reply = await deliveredCheck(u);
    expect(reply).toContain("dichvucong.bvgov.com");
    expect(reply).toContain(".gov.vn");
    expect(reply).toContain("Rất có thể là lừa đảo");
  });

  it("says an official address is the known official one, never that it is absolutely safe", async () => {
    const u = userId(403);
    const replies = await repliesTo(textEvent(u, "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(CHECKER_REPLY);
    expect(replies[0]).toContain("Địa chỉ chính thức mà tôi biết");
    expect(replies[0]!.toLowerCase()).not.toContain("an toàn tuyệt đối");
  });

  it("checks a phone number after “kiểm tra”, with 156 and 5656 advice", async () => {
    const u = userId(404);
    const [reply] = await repliesTo(textEvent(u, "Kiểm tra: +855 12 345 678"));
    expect(reply).toMatch(CHECKER_REPLY);
    expect(reply).toContain("Campuchia");
    expect(reply).toContain("LD +85512345678");
    expect(reply).toContain("156");
  });

  it("accepts the command without diacritics and in English", async () => {
    const [a] = await repliesTo(textEvent(userId(405), "kiem tra 0912345678"));
    expect(a).toContain("số di động Việt Nam");
    const [b] = await repliesTo(textEvent(userId(405), "CHECK bit.ly/abc"));
    expect(b).toContain("link rút gọn");
  });

  it("leaves “kiểm tra” without a link or number to the quiz command", async () => {
    for (const text of ["kiểm tra", "Kiểm tra!", "kiem tra bai 3", "kiểm tra 2"]) {
      const replies = await repliesTo(textEvent(userId(406), text));
      expect(replies.length, text).toBeGreaterThan(0);
      for (const r of replies) expect(r, text).not.toMatch(CHECKER_REPLY);
    }
  });

  it("never analyses a button payload, even one carrying a link", async () => {
    const replies = await repliesTo(textEvent(userId(407), "#quiz:vietcombank-hotro.com"));
    for (const r of replies) expect(r).not.toMatch(CHECKER_REPLY);
  });

  it("does not answer ordinary sentences with numbers, prices, dates and times", async () => {
    for (const text of ["tôi 65 tuổi", "mua rau hết 150.000đ", "hẹn ngày 20/11/2025 lúc 20:30", "trợ giúp", "🙏", "x".repeat(3000)]) {
      const replies = await repliesTo(textEvent(userId(408), text));
      for (const r of replies) expect(r, text.slice(0, 20)).not.toMatch(CHECKER_REPLY);
    }
  });

  it("puts the riskiest of many links first, at most three, in one message under 2,000 characters", async () => {
    const text =
      "tiki.vn và shopee.vn " +
      Array.from({ length: 12 }, (_, i) => `http://vietcombank-xacminh-${i}.example.top:8080/tai-app.apk`).join(" ") +
      " bit.ly/qua-tet 0912345678";
    const replies = await repliesTo(textEvent(userId(409), text));
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.length).toBeLessThanOrEqual(2000);
    expect(reply).toContain("Tin của bạn có 15 đường link và 1 số điện thoại. Tôi nói về 3 cái đáng lo nhất");
    expect(reply.match(/^🔗|^📞/gmu)).toHaveLength(3);
    expect(reply).not.toContain("tiki.vn\n");
    expect(reply.indexOf("⛔")).toBeGreaterThan(-1);
  });

  it("checks a link shared with Zalo's share button (user_send_link)", async () => {
    const u = userId(410);
    const event = textEvent(u, "", {
      event_name: "user_send_link",
      message: {
        msg_id: `link-${Date.now()}`,
        attachments: [{ type: "link", payload: { url: "https://vietc0mbank.com/login", description: "Xác minh tài khoản", thumbnail: "" } }],
      },
    });
    const [reply] = await repliesTo(event);
    expect(reply).toMatch(CHECKER_REPLY);
    expect(reply).toContain("vietc0mbank.com");
    expect(reply).toContain("0 thay o");
  });

  it("is listed in the command menu with its example", async () => {
    const [menu] = await repliesTo(textEvent(userId(411), "trợ giúp"));
    expect(menu).toContain("kiểm tra vietcombank-hotro.com");
  });

  it("answers a redelivered message once", async () => {
    const u = userId(412);
    const event = textEvent(u, "momo-nhanqua.xyz");
    await Promise.all([postEvent(server.url, event), postEvent(server.url, event)]);
    await deliveredCheck(u);
    const texts = await server.store.column<string>("SELECT message FROM outbox WHERE user_id = ?", [u]);
    expect(texts.filter((m) => CHECKER_REPLY.test((JSON.parse(m) as { text?: string }).text ?? ""))).toHaveLength(1);
  });
});
