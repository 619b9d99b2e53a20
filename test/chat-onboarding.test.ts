import { WHAT_IS_KEPT } from "./fixtures/what-is-kept.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allText, button, lastText, startChat } from "./support/chat.js";
import { APP_ID, OA_ID } from "./support/server.js";

let chat: Awaited<ReturnType<typeof startChat>>;
beforeAll(async () => {
  chat = await startChat();
});
afterAll(async () => {
  await chat.stop();
});

const titles = (m: { buttons: { title: string }[] }) => m.buttons.map((b) => b.title);

describe("onboarding on follow, with consent", () => {
  it("welcomes, asks consent with two plain buttons, then province, commune and a reminder time", async () => {
    const p = chat.person();
    const welcome = await p.follow("qr_code");
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.text).toContain("Chào mừng bạn đến với Kỹ Năng Số");
    // Truthful, and the very sentences of the Mini App's card (mini-app/test/consent.test.tsx): progress,
    // scores, messages, first source and Zalo name kept either way; a certificate's name printed and
    // public; consent adds place and reminder time.
    expect(welcome[0]!.text).toContain(`Trước khi bắt đầu, tôi xin phép bạn:\n${WHAT_IS_KEPT.join("\n")}\nKhông đồng ý thì bạn vẫn học được đầy đủ.`);
    expect(welcome[0]!.text).not.toMatch(/đồng ý.*tên in trên/s);
    expect(titles(welcome[0]!)).toEqual(["Đồng ý", "Không đồng ý", "Xem hướng dẫn"]);
    expect(await p.learner()).toMatchObject({ consent: null, first_source: "qr_code", follows_oa: 1 });

    const province = await p.tap(button(welcome, "Đồng ý"));
    expect((await p.learner())?.consent).toBe("granted");
    expect(lastText(province)).toMatch(/tỉnh hoặc thành phố nào\? Bạn gõ tên, ví dụ: Nghệ An/);

    const commune = await p.say("ha noi");
    expect((await p.learner())?.province_code).toBe("01");
    expect(lastText(commune)).toMatch(/^Bạn ở Thành phố Hà Nội\. Còn xã hoặc phường của bạn tên là gì\?/);

    const reminder = await p.say("Ba Đình");
    expect((await p.learner())?.commune_code).toBe("00004");
    expect(lastText(reminder)).toMatch(/Đã ghi: Phường Ba Đình/);
    expect(titles(reminder[0]!)).toEqual(["7:00 sáng", "12:00 trưa", "20:00 tối", "Tự nhập giờ"]);

    const typed = await p.tap(button(reminder, "Tự nhập giờ"));
    expect(lastText(typed)).toMatch(/ví dụ: 20h, 20:30 hoặc 8 giờ tối/);
    const done = await p.say("8 giờ tối");
    expect((await p.learner())?.reminder_time).toBe("20:00");
    expect(lastText(done)).toMatch(/^Xong rồi! 🎉 Tôi sẽ nhắc bạn học lúc 20:00 mỗi ngày/);
    expect(titles(done[0]!)).toContain("Bắt đầu học");
    expect((await p.learner())?.chat_state).toBeNull();
  });

  it("takes a reminder button, and refuses night hours kindly", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:yes");
    await p.say("bỏ qua");
    expect((await p.learner())?.province_code).toBeNull();
    const night = await p.say("23h");
    expect(lastText(night)).toMatch(/không nhắn từ 21 giờ tối đến 7 giờ sáng/);
    expect((await p.learner())?.reminder_time).toBeNull();
    const garbled = await p.say("lúc nào cũng được");
    expect(lastText(garbled)).toMatch(/Tôi chưa hiểu giờ này/);
    await p.tap("#remind:07:00");
    expect((await p.learner())?.reminder_time).toBe("07:00");
  });

  it("matches Sài Gòn, offers choices for an ambiguous name, and takes 'Hóc Môn' as a commune, not 'học'", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:yes");
    const choices = await p.say("Hà");
    expect(lastText(choices)).toMatch(/Có vài nơi gần giống/);
    expect(choices[0]!.buttons.length).toBeGreaterThan(1);
    expect(choices[0]!.buttons.length).toBeLessThanOrEqual(4);
    const commune = await p.say("Sài Gòn");
    expect(lastText(commune)).toMatch(/Bạn ở Thành phố Hồ Chí Minh/);
    const after = await p.say("Hóc Môn");
    expect(lastText(after)).toMatch(/Đã ghi: Xã Hóc Môn/);
    expect(await p.learner()).toMatchObject({ province_code: "79" });
    expect(await chat.server.store.value("SELECT COUNT(*) FROM lesson_progress WHERE learner_id = ?", [(await p.learner())!.id])).toBe(0);
  });

  it("knows a province by its name before the 2025 merger, and says where it belongs now", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:yes");
    const merged = await p.say("binh duong");
    expect(lastText(merged)).toMatch(/^Từ 1\/7\/2025, Bình Dương thuộc Thành phố Hồ Chí Minh\. Còn xã hoặc phường của bạn tên là gì\?/);
    const again = await p.say("đồng ý"); // consent already given: said so, nothing changes
    expect(lastText(again)).toMatch(/^Bạn đã đồng ý rồi/);
    await p.say("Thủ Dầu Một");
    expect(await p.learner()).toMatchObject({ province_code: "79", commune_code: expect.any(String) });
  });

  it("taps a province from the choices; a forged or stale place button changes nothing", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:yes");
    const forged = await p.tap("#place:c:00004"); // a commune before any province
    expect(lastText(forged)).toMatch(/Nút này đã cũ rồi/);
    const choices = await p.say("ha");
    const pick = button(choices, "Thành phố Hà Nội");
    await p.tap(pick);
    expect((await p.learner())?.province_code).toBe("01");
    const wrongProvince = await p.tap("#place:c:26734"); // a commune of another province
    expect(lastText(wrongProvince)).toMatch(/Nút này đã cũ rồi/);
    expect((await p.learner())?.commune_code).toBeNull();
  });

  it("asks again with an example when nothing matches, and survives emoji, empty and very long text", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:yes");
    const none = await p.say("Xứ Sở Thần Tiên");
    expect(lastText(none)).toMatch(/Tôi chưa tìm thấy tỉnh hoặc thành phố này\. Bạn gõ lại giúp tôi, ví dụ: Nghệ An/);
    for (const text of ["🙏🙏🙏", "", "x".repeat(20_000)]) {
      const reply = await p.say(text);
      expect(reply).toHaveLength(1);
      expect(reply[0]!.text.length).toBeLessThan(400);
    }
    await p.say("nghe an");
    const commune = await p.say("không rõ");
    expect(lastText(commune)).toMatch(/bỏ qua câu này/);
    expect(await p.learner()).toMatchObject({ province_code: "40", commune_code: null });
  });

  it("lets commands work in the middle of onboarding", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:yes");
    const help = await p.say("trợ giúp");
    expect(lastText(help)).toMatch(/^Bạn có thể nhắn cho tôi:/);
    const province = await p.say("Cà Mau");
    expect(lastText(province)).toMatch(/Bạn ở Tỉnh Cà Mau/);
  });
});

describe("without consent", () => {
  it("still teaches, stores no place or reminder time, and ignores old place and reminder buttons", async () => {
    const p = chat.person();
    await p.follow();
    const declined = await p.tap("#consent:no");
    expect(lastText(declined)).toMatch(/Không sao cả, bạn vẫn học được đầy đủ/);
    // What is kept without consent, said as it is, in the consent question's own words.
    expect(lastText(declined)).toMatch(/Tôi sẽ không lưu nơi ở hay giờ nhắc của bạn/);
    expect(lastText(declined)).not.toMatch(/không lưu[^.]*tên/);
    expect(lastText(declined)).toContain(`${WHAT_IS_KEPT[0]}\n${WHAT_IS_KEPT[1]}`);
    expect(await p.learner()).toMatchObject({ consent: "declined", province_code: null, reminder_time: null, chat_state: null });
    await p.tap("#place:p:01");
    const remind = await p.tap("#remind:20:00");
    expect(lastText(remind)).toMatch(/cần lưu giờ nhắc/);
    await p.say("Hà Nội");
    expect(await p.learner()).toMatchObject({ province_code: null, commune_code: null, reminder_time: null });
    const lesson = await p.say("học");
    expect(allText(lesson)).toMatch(/Bài 1/);
  });

  it("changes mind later with 'đồng ý'", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:no");
    const yes = await p.say("Đồng ý");
    expect((await p.learner())?.consent).toBe("granted");
    expect(lastText(yes)).toMatch(/tỉnh hoặc thành phố nào/);
  });
});

describe("first contact by message, and QR codes", () => {
  it("greets someone unknown before answering their first message", async () => {
    const p = chat.person();
    const replies = await p.say("TRỢ GIÚP");
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text).toContain("Chào mừng bạn đến với Kỹ Năng Số");
    expect(replies[1]!.text).toMatch(/^Bạn có thể nhắn cho tôi:/);
    expect((await p.learner())?.chat_state).toBe(JSON.stringify({ step: "consent" }));
  });

  it("greets once, without a confused menu, when the first message is small talk or a sticker", async () => {
    const p = chat.person();
    const hello = await p.say("xin chào");
    expect(hello).toHaveLength(1);
    expect(hello[0]!.text).toContain("Chào mừng");
    const q = chat.person();
    const sticker = await q.send({ ...textEventLike(q.id), event_name: "user_send_sticker", message: { msg_id: `st-${q.id}`, attachments: [{ type: "sticker" }] } });
    expect(sticker).toHaveLength(1);
    expect(sticker[0]!.text).toContain("Chào mừng");
  });

  it("records the QR source and volunteer from 'src=… ref=…' and '#src:…:…', once", async () => {
    const p = chat.person();
    const first = await p.say("src=BD-XYZ ref=vol-12");
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toContain("Chào mừng");
    expect(await p.learner()).toMatchObject({ first_source: "BD-XYZ", referrer_code: "VOL-12" });
    const again = await p.say("#src:OTHER:V2");
    expect(lastText(again)).toMatch(/Cảm ơn bạn đã quét mã/);
    expect(await p.learner()).toMatchObject({ first_source: "BD-XYZ", referrer_code: "VOL-12" });
    const q = chat.person();
    await q.say("#src:POSTER-HN-01");
    expect(await q.learner()).toMatchObject({ first_source: "POSTER-HN-01", referrer_code: null });
  });

  it("welcomes back someone who follows again instead of asking consent twice", async () => {
    const p = chat.person();
    await p.follow();
    await p.tap("#consent:no");
    const back = await p.follow();
    expect(lastText(back)).toMatch(/Chào mừng bạn quay lại/);
  });
});

describe("when no places are imported", () => {
  it("skips the place question", async () => {
    const empty = await startChat({ env: { ADMIN_UNITS_FILE: "/nonexistent/units.json" } });
    try {
      const p = empty.person();
      await p.follow();
      const next = await p.tap("#consent:yes");
      expect(lastText(next)).toMatch(/nhắc học lúc mấy giờ/);
    } finally {
      await empty.stop();
    }
  });
});

function textEventLike(id: string): Record<string, unknown> {
  return {
    app_id: APP_ID,
    event_name: "user_send_text",
    timestamp: String(Date.now()),
    sender: { id },
    recipient: { id: OA_ID },
  };
}
