import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { content } from "./support/learning.js";
import { allText, button, lastText, startChat, onboard } from "./support/chat.js";
import { APP_ID, OA_ID } from "./support/server.js";

let chat: Awaited<ReturnType<typeof startChat>>;
beforeAll(async () => {
  chat = await startChat();
});
afterAll(async () => {
  await chat.stop();
});

/** Someone past onboarding (declined, so nothing is asked), ready to learn. */
const learner = () => onboard(chat.person(), "no");

/** A sticker or an image from the person, as Zalo's webhook sends it. */
const mediaEvent = (userId: string, type: "sticker" | "image", payload: Record<string, string>) => ({
  app_id: APP_ID,
  event_name: `user_send_${type}`,
  timestamp: String(Date.now()),
  sender: { id: userId },
  recipient: { id: OA_ID },
  message: { msg_id: `${type}-${userId}-${Date.now()}`, attachments: [{ type, payload }] },
});

const lesson3 = () => content().lessons.find((l) => l.id === 3)!;
const opened = (learnerId: number) => chat.server.store.column("SELECT lesson_id FROM lesson_progress WHERE learner_id = ? ORDER BY lesson_id", [learnerId]);

describe("a lesson in chat", () => {
  it("'bài N' in every spelling sends the lesson's chat version, then the quiz button", async () => {
    const p = await learner();
    for (const spelling of ["bài 3", "Bai3", "BÀI  3!", "bài số 3", "bài ba", "#lesson:3"]) {
      const messages = await p.say(spelling);
      expect(messages.map((m) => m.text)).toEqual(lesson3().chat.map((c) => c.trim()));
      for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(2000);
      expect(messages[messages.length - 1]!.buttons).toEqual([
        { title: "Làm bài kiểm tra", type: "oa.query.hide", payload: "#quiz:3" },
        // Connected to Zalo there is always a PUBLIC_URL (test/support/server.ts realEnv).
        { title: "Mở bài học đầy đủ", type: "oa.open.url", payload: { url: "https://kynangso.example.vn/lesson/3" } },
      ]);
    }
    expect(await opened((await p.learner())!.id)).toEqual([3]);
  });

  it("answers a lesson number out of range kindly, and lists the lessons for a bare 'bài'", async () => {
    const p = await learner();
    for (const spelling of ["bài 13", "bài 0", "bài 99999999", "bài abc"]) {
      const reply = await p.say(spelling);
      expect(reply).toHaveLength(1);
      expect(reply[0]!.text).toMatch(/^Khóa học có 12 bài, từ Bài 1 đến Bài 12/);
    }
    const forged = await p.tap("#lesson:-1");
    expect(lastText(forged)).toMatch(/^Khóa học có 12 bài/);
    const list = await p.say("bài");
    expect(lastText(list)).toContain("Bài 12: Giải trí trực tuyến");
    expect(await opened((await p.learner())!.id)).toEqual([]);
  });

  it("'học' and 'bắt đầu' continue where the person is", async () => {
    const p = await learner();
    const first = await p.say("Học");
    expect(first[0]!.text).toBe(content().lessons[0]!.chat[0]!.trim());
    const again = await p.say("bat dau");
    expect(lastText(again)).toMatch(/^Bạn đang học Bài 1\. Đọc xong rồi thì làm bài kiểm tra nhé/);
    expect(again[0]!.buttons.map((b) => b.payload)).toEqual(["#quiz:1", "#lesson:1"]);
    const tapped = await p.tap(button(again, "Làm bài kiểm tra"));
    expect(lastText(tapped)).toMatch(/Câu 1\/5/);
    const resume = await p.say("học tiếp");
    expect(lastText(resume)).toMatch(/^Bạn đang làm dở bài kiểm tra của Bài 1\. Mình làm tiếp nhé:\n\nCâu 1\/5/);
    const lesson4 = await p.say("học bài 4");
    expect(lesson4[0]!.text).toBe(content().lessons[3]!.chat[0]!.trim());
  });

  it("links the full lesson in the Mini App when MINI_APP_ID is set, else on PUBLIC_URL", async () => {
    for (const [env, url] of [
      [{ MINI_APP_ID: "4318657068771012646" }, "https://zalo.me/s/4318657068771012646/lesson/5"],
      [{ PUBLIC_URL: "https://kynangso.example.vn/" }, "https://kynangso.example.vn/lesson/5"],
    ] as const) {
      const other = await startChat({ env: { ...env } });
      try {
        const p = other.person();
        const messages = await p.say("bài 5");
        expect(button(messages, "Mở bài học đầy đủ")).toEqual({ title: "Mở bài học đầy đủ", type: "oa.open.url", payload: { url } });
      } finally {
        await other.stop();
      }
    }
  });
});

describe("commands and free text", () => {
  it("'tiến độ' in any spelling shows progress", async () => {
    const p = await learner();
    await p.say("bài 2");
    for (const spelling of ["tiến độ", "TIEN DO", "Tiến  độ?"]) {
      const reply = await p.say(spelling);
      expect(lastText(reply)).toMatch(/^Bạn đã qua 0\/12 bài\./);
      expect(lastText(reply)).toContain("📖 Bài 2: Sử dụng nền tảng số để làm việc, cộng tác");
      expect(lastText(reply)).toContain("⬜ Bài 3: Tìm kiếm thông tin hiệu quả");
    }
  });

  it("the menu lists every chat command", async () => {
    const p = await learner();
    const menu = lastText(await p.say("tro giup"));
    for (const command of ["học", "bài 3", "kiểm tra", "thi", "tiến độ", "dữ liệu của tôi", "xóa dữ liệu", "trợ giúp"]) {
      expect(menu).toContain(`• ${command} — `);
    }
  });

  it("answers a question from the lessons with the best passage and a button to that lesson", async () => {
    const p = await learner();
    const reply = await p.say("Mật khẩu mạnh là gì vậy?");
    expect(lastText(reply)).toMatch(/^Trong Bài 4: Tạo tài khoản và kho dữ liệu cá nhân trực tuyến(, phần “[^”]+”)?, có nói:\n\n/);
    expect(lastText(reply)).toMatch(/[Mm]ật khẩu/);
    expect(reply[0]!.buttons[0]).toEqual({ title: "Đọc Bài 4", type: "oa.query.hide", payload: "#lesson:4" });
    const noDiacritics = await p.say("dich vu cong truc tuyen la gi");
    expect(lastText(noDiacritics)).toMatch(/^Trong Bài 5: /);
  });

  it("names lessons 'Bài N: <title>' and their reading time from the lessons, never a number of its own", async () => {
    const p = chat.person();
    const welcome = lastText(await p.follow());
    const minutes = content().lessons.map((l) => l.minutes);
    expect(welcome).toContain(`Mỗi bài đọc khoảng ${Math.min(...minutes)}–${Math.max(...minutes)} phút.`);
    await p.tap("#consent:no");
    const list = lastText(await p.say("bài"));
    for (const l of content().lessons) expect(list).toContain(`Bài ${l.id}: ${l.title}`);
  });

  it("quotes steps and bullets one a line, as the lesson has them", async () => {
    const p = await learner();
    const reply = lastText(await p.say("lam sao bat xac minh 2 buoc cho gmail"));
    expect(reply).toMatch(/^Trong Bài 4: /);
    expect(reply).toMatch(/\n1\. [^\n]+\n2\. /);
    const fake = lastText(await p.say("làm sao để biết trang web giả mạo"));
    expect(fake).toMatch(/^Trong Bài 1: /);
    expect(fake).not.toMatch(/Gmail|thư rác/);
  });

  it("answers text the lessons do not cover, emoji, empty and very long text in two lines with two buttons", async () => {
    const p = await learner();
    for (const text of ["con trâu nhà tôi 🐃 ăn gì?", "🐃🐃", "asdfgh qwerty", "", "   ", "ha ".repeat(10_000)]) {
      const reply = await p.say(text);
      expect(reply).toHaveLength(1);
      expect(reply[0]!.text).toMatch(/^Xin lỗi, tôi chưa hiểu ý bạn\. 🙏\n/);
      expect(reply[0]!.text.split("\n").length).toBeLessThanOrEqual(2);
      expect(reply[0]!.text.length).toBeLessThan(200);
      expect(reply[0]!.buttons.map((b) => [b.title, b.payload])).toEqual([["Học tiếp", "#start"], ["Trợ giúp", "#help"]]);
    }
    const unknownButton = await p.tap("#nothing-like-this");
    expect(lastText(unknownButton)).toMatch(/^Nút này đã cũ rồi/);
    expect(lastText(unknownButton).length).toBeLessThan(200);
    // The buttons lead on: the menu is one tap away.
    expect(lastText(await p.tap("#help"))).toMatch(/^Bạn có thể nhắn cho tôi:/);
  });

  it("thanks a thank-you, an OK, a thumbs-up or a sticker briefly", async () => {
    const p = await learner();
    for (const text of ["👍", "👍🏻👍🏻", "ok", "OK ạ", "oke", "cảm ơn", "cam on ban nhieu", "Cảm ơn nhé 🙏", "❤️"]) {
      const reply = await p.say(text);
      expect(reply, text).toHaveLength(1);
      expect(reply[0]!.text, text).toMatch(/^Dạ, cảm ơn bạn! 😊/);
      expect(reply[0]!.buttons.map((b) => b.title)).toEqual(["Học tiếp", "Trợ giúp"]);
    }
    const sticker = await p.send(mediaEvent(p.id, "sticker", { id: "abc123", url: "https://example.com/like.png" }));
    expect(lastText(sticker)).toMatch(/^Dạ, cảm ơn bạn! 😊/);
    // Not every short word is thanks.
    for (const text of ["ok google là gì", "không ok", "🐃"]) expect(lastText(await p.say(text)), text).not.toMatch(/^Dạ, cảm ơn bạn/);
  });

  it("answers a sticker or an image politely", async () => {
    const p = await learner();
    const reply = await p.send(mediaEvent(p.id, "image", { url: "https://example.com/a.jpg" }));
    expect(allText(reply)).toMatch(/tôi chỉ đọc được chữ thôi/);
  });
});
