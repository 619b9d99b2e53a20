import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { button, lastText, startChat, type ChatMessage, type Person, onboard } from "./support/chat.js";
import { FakeClock } from "./support/learning.js";
import { answerButtons, pick } from "./support/quiz.js";

const clock = new FakeClock();
let chat: Awaited<ReturnType<typeof startChat>>;
beforeAll(async () => {
  chat = await startChat({ clock, env: { PUBLIC_URL: "https://kynangso.example.vn" } });
});
afterAll(async () => {
  await chat.stop();
});

const learner = (consent: "yes" | "no") => onboard(chat.person(), consent);

/** Takes the whole final test, `right` answers correct (from the bank), the rest wrong. */
async function takeFinal(p: Person, right: number): Promise<ChatMessage[]> {
  let screen = await p.say("thi");
  expect(lastText(screen)).toMatch(/^🎓 Bài thi cuối khóa: 20 câu từ cả 12 bài\. Đúng 16 câu là đạt/);
  for (let i = 1; i <= 20; i++) {
    expect(lastText(screen)).toContain(`Câu ${i}/20: `);
    // An exam: no right answer or explanation is shown before the end.
    if (i > 1) expect(lastText(screen)).not.toMatch(/Đúng rồi|Chưa đúng|Đáp án đúng/);
    screen = await p.tap(await pick(chat.server.store, screen, i <= right));
  }
  return screen;
}

const certificateOf = (learnerId: number) =>
  chat.server.store.get<{ code: string; name: string; score: number }>("SELECT * FROM certificates WHERE learner_id = ?", [learnerId]);

describe("the final test in chat", () => {
  it("a pass asks for the name (printed and public), shows it as printed, and issues the certificate only once confirmed", async () => {
    const p = await learner("yes");
    const passed = await takeFinal(p, 17);
    expect(lastText(passed)).toMatch(/🎉 Chúc mừng bạn! Bạn trả lời đúng 17\/20 câu và đã đạt\.\nBạn muốn in tên nào trên giấy chứng nhận\?/);
    expect(lastText(passed)).toContain("Tên này được in trên giấy chứng nhận và hiện trên trang kiểm tra công khai");
    expect(passed[0]!.buttons).toEqual([]); // no Zalo name known for this person
    const id = (await p.learner())!.id;
    expect(await certificateOf(id)).toBeUndefined();

    const proposed = await p.say("  trần   thị hoa ");
    expect(lastText(proposed)).toMatch(/^Tên in trên giấy chứng nhận: Trần Thị Hoa\n/);
    expect(proposed[0]!.buttons.map((b) => b.title)).toEqual(["Đúng rồi", "Sửa lại"]);
    expect(await certificateOf(id)).toBeUndefined(); // nothing printed before the person confirms

    const edit = await p.tap(button(proposed, "Sửa lại"));
    expect(lastText(edit)).toMatch(/^Bạn gõ lại họ và tên/);
    const stale = await p.tap(button(proposed, "Đúng rồi")); // the old proposal was withdrawn
    expect(lastText(stale)).toMatch(/gõ họ và tên muốn in trên giấy chứng nhận trước/);
    expect(await certificateOf(id)).toBeUndefined();

    const corrected = await p.say("nguyễn thị lan");
    expect(lastText(corrected)).toMatch(/^Tên in trên giấy chứng nhận: Nguyễn Thị Lan\n/);
    const issued = await p.tap(button(corrected, "Đúng rồi"));
    const cert = (await certificateOf(id))!;
    expect(cert).toMatchObject({ name: "Nguyễn Thị Lan", score: 17 });
    const text = lastText(issued);
    expect(text).toContain("Họ và tên: Nguyễn Thị Lan");
    // What it certifies, honestly: the final test, and the lessons whose quiz was passed (none here).
    expect(text).toContain("Giấy chứng nhận: đã đạt bài thi cuối khóa Kỹ Năng Số (đúng 17/20 câu).");
    expect(text).toContain("Chưa đạt bài kiểm tra của bài học nào.");
    expect(text).not.toContain("hoàn thành khóa học");
    expect(text).toContain(`Mã giấy chứng nhận: ${cert.code}`);
    expect(text).toContain(`https://kynangso.example.vn/c/${cert.code}`);
    expect(button(issued, "Xem giấy chứng nhận").payload).toEqual({ url: `https://kynangso.example.vn/c/${cert.code}` });
    expect((await p.learner())?.certificate_name).toBe("Nguyễn Thị Lan");
    expect((await p.learner())?.chat_state).toBeNull();

    // A confirmed name stays: a repeated tap or a new name changes nothing printed.
    const repeat = await p.tap(button(corrected, "Đúng rồi"));
    expect(lastText(repeat)).not.toContain("Giấy chứng nhận của bạn đã sẵn sàng");
    const again = await p.say("thi");
    expect(lastText(again)).toMatch(/^Bạn đã đạt bài thi cuối khóa và có giấy chứng nhận rồi/);
    expect(lastText(again)).toContain(cert.code);
    expect((await certificateOf(id))!.name).toBe("Nguyễn Thị Lan");
  });

  it("refuses names that cannot be printed, saying what to change; a typed 'đúng rồi' confirms", async () => {
    const p = await learner("yes");
    await takeFinal(p, 16);
    const id = (await p.learner())!.id;
    const cases: [string, RegExp][] = [
      ["1234", /Tên không có chữ số/],
      ["Lan 🎉", /biểu tượng cảm xúc/],
      ["https://vietcombank-xacminh.top", /đường link/],
      ["Hoa\u200b Lan", /ký tự lạ/],
      ["<b>Hoa</b>", /chỉ gồm chữ cái, dấu cách, dấu gạch nối/],
      ["A", /ít nhất 2 chữ cái/],
      ["Nguyễn ".repeat(12), /Tên dài quá: tối đa 60 ký tự/],
    ];
    for (const [typed, message] of cases) {
      const reply = await p.say(typed);
      expect(lastText(reply), typed).toMatch(message);
      expect(reply[0]!.buttons, typed).toEqual([]);
    }
    expect(await certificateOf(id)).toBeUndefined();
    const proposed = await p.say("lê văn tám");
    expect(lastText(proposed)).toMatch(/^Tên in trên giấy chứng nhận: Lê Văn Tám/);
    await p.say("Đúng rồi!");
    expect((await certificateOf(id))?.name).toBe("Lê Văn Tám");
  });

  it("without consent the name is printed but not kept on the learner; 'Dùng tên Zalo' proposes the known name", async () => {
    const p = await learner("no");
    await chat.server.store.run("UPDATE learners SET display_name = 'trần văn ba' WHERE id = ?", [(await p.learner())!.id]);
    const passed = await takeFinal(p, 20);
    const proposed = await p.tap(button(passed, "Dùng tên Zalo"));
    expect(lastText(proposed)).toMatch(/^Tên in trên giấy chứng nhận: Trần Văn Ba\n/);
    const issued = await p.tap(button(proposed, "Đúng rồi"));
    expect(lastText(issued)).toMatch(/Họ và tên: Trần Văn Ba/);
    expect((await certificateOf((await p.learner())!.id))?.name).toBe("Trần Văn Ba");
    expect((await p.learner())?.certificate_name).toBeNull();
  });

  it("a typed correction that folds like a yes-word ('Dũng' / 'đúng') is a new proposal, never a confirmation", async () => {
    const p = await learner("yes");
    await takeFinal(p, 16);
    const id = (await p.learner())!.id;
    expect(lastText(await p.say("trần văn dùng"))).toMatch(/^Tên in trên giấy chứng nhận: Trần Văn Dùng\n/);
    const corrected = await p.say("Dũng");
    expect(lastText(corrected)).toMatch(/^Tên in trên giấy chứng nhận: Dũng\n/);
    expect(corrected[0]!.buttons.map((b) => b.title)).toEqual(["Đúng rồi", "Sửa lại"]);
    expect(await certificateOf(id)).toBeUndefined();
    expect(lastText(await p.say("Trần Văn Dũng"))).toMatch(/^Tên in trên giấy chứng nhận: Trần Văn Dũng\n/);
    // "Dùng" folds like "đúng" too: typed with its accent it is a name, not a yes.
    expect(lastText(await p.say("Dùng"))).toMatch(/^Tên in trên giấy chứng nhận: Dùng\n/);
    expect(await certificateOf(id)).toBeUndefined();
    await p.say("Trần Văn Dũng");
    await p.say("OK!");
    expect((await certificateOf(id))?.name).toBe("Trần Văn Dũng");
  });

  it("'ok', 'vâng', 'cảm ơn' are never proposed as a name; with a name shown, a yes-word confirms it and thanks show it again", async () => {
    const p = await learner("no");
    await takeFinal(p, 17);
    const id = (await p.learner())!.id;
    for (const typed of ["ok", "Vâng", "ừ", "đúng rồi ạ", "cảm ơn", "Cảm ơn bạn nhiều", "được"]) {
      const reply = await p.say(typed);
      expect(lastText(reply), typed).toBe("Bạn gõ họ và tên muốn in trên giấy chứng nhận nhé, ví dụ: Trần Thị Hoa.");
      expect(reply[0]!.buttons, typed).toEqual([]);
    }
    expect(await certificateOf(id)).toBeUndefined();
    await p.say("hoàng thị năm");
    const thanks = await p.say("cảm ơn");
    expect(lastText(thanks)).toMatch(/^Tên in trên giấy chứng nhận: Hoàng Thị Năm\nNếu đúng, bạn bấm “Đúng rồi”/);
    expect(thanks[0]!.buttons.map((b) => b.title)).toEqual(["Đúng rồi", "Sửa lại"]);
    expect(await certificateOf(id)).toBeUndefined();
    await p.say("Vâng ạ");
    expect((await certificateOf(id))?.name).toBe("Hoàng Thị Năm");
  });

  it("each yes-word confirms: 'đúng rồi ạ', 'vâng', 'ừ', 'được'", async () => {
    for (const yes of ["đúng rồi ạ", "vâng", "ừ", "được"]) {
      const p = await learner("no");
      await takeFinal(p, 16);
      await p.say("lý thị sáu");
      await p.say(yes);
      expect((await certificateOf((await p.learner())!.id))?.name, yes).toBe("Lý Thị Sáu");
    }
  });

  it("a pass left without a name is remembered: 'thi' asks for the name again instead of a new test", async () => {
    const p = await learner("no");
    await takeFinal(p, 18);
    await p.say("bài 2");
    const back = await p.say("thi");
    expect(lastText(back)).toMatch(/^Bạn đã đạt bài thi cuối khóa\. 🎉\nBạn muốn in tên nào trên giấy chứng nhận\?/);
    const proposed = await p.say("Phạm Thị Bốn");
    await p.tap(button(proposed, "Đúng rồi"));
    expect(await certificateOf((await p.learner())!.id)).toMatchObject({ name: "Phạm Thị Bốn", score: 18 });
  });

  it("'dữ liệu của tôi' shows the certificate and its public name; erasing deletes it and its check page", async () => {
    const p = await learner("no");
    await takeFinal(p, 17);
    await p.tap(button(await p.say("Đinh Thị Hai"), "Đúng rồi"));
    const cert = (await certificateOf((await p.learner())!.id))!;
    const mine = await p.say("dữ liệu của tôi");
    expect(lastText(mine)).toContain(`mã ${cert.code}, tên in là “Đinh Thị Hai”`);
    expect((await fetch(`${chat.server.url}/c/${cert.code}`)).status).toBe(200);
    const ask = await p.say("xóa dữ liệu");
    expect(lastText(ask)).toMatch(/chứng nhận/);
    await p.tap(button(ask, "Xóa hết"));
    expect(await chat.server.store.value("SELECT COUNT(*) FROM certificates WHERE code = ?", [cert.code])).toBe(0);
    expect((await fetch(`${chat.server.url}/c/${cert.code}`)).status).toBe(404);
  });

  it("a fail says when the retry is allowed, refuses an early retry, and allows it after the pause", async () => {
    const p = await learner("no");
    const failed = await takeFinal(p, 15);
    expect(lastText(failed)).toMatch(/Bạn trả lời đúng 15\/20 câu\. Cần đúng 16 câu mới đạt\. Đừng buồn nhé.*Bạn có thể thi lại từ 11:00 hôm nay\./s);
    expect(await certificateOf((await p.learner())!.id)).toBeUndefined();
    const early = await p.say("Thi");
    expect(lastText(early)).toMatch(/^Lần thi trước chưa đạt\. Bạn nghỉ một chút, ôn lại bài, rồi thi lại từ 11:00 hôm nay nhé/);
    clock.advance(61 * 60_000);
    const retry = await p.tap("#final");
    expect(lastText(retry)).toMatch(/Câu 1\/20/);
  });

  it("an interrupted test resumes where it stopped; its old buttons stay harmless", async () => {
    const p = await learner("no");
    let screen = await p.say("thi");
    const firstScreen = screen;
    for (let i = 0; i < 3; i++) screen = await p.tap(await pick(chat.server.store, screen, true));
    await p.say("bài 1");
    const resumed = await p.say("thi");
    expect(lastText(resumed)).toMatch(/^Bạn đang thi dở\. Mình làm tiếp nhé:\n\nCâu 4\/20/);
    const old = await p.tap(answerButtons(firstScreen)[1]!);
    expect(lastText(old)).toMatch(/^Bạn đã trả lời câu này rồi/);
    const typed = await p.say("c");
    expect(lastText(typed)).toMatch(/Câu 5\/20/);
  });
});
