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
    screen = await p.tap(pick(chat.server.db, screen, i <= right));
  }
  return screen;
}

const certificateOf = (learnerId: number) => chat.server.db.prepare("SELECT * FROM certificates WHERE learner_id = ?").get(learnerId) as
  | { code: string; name: string; score: number }
  | undefined;

describe("the final test in chat", () => {
  it("a pass asks for the name, then issues the certificate with its public link", async () => {
    const p = await learner("yes");
    const passed = await takeFinal(p, 17);
    expect(lastText(passed)).toMatch(/🎉 Chúc mừng bạn! Bạn trả lời đúng 17\/20 câu và đã đạt\.\nBạn muốn in tên nào trên chứng nhận\?/);
    expect(passed[0]!.buttons).toEqual([]); // no Zalo name known for this person
    const id = p.learner()!.id;
    expect(certificateOf(id)).toBeUndefined();

    const bad = await p.say("1234 🎉");
    expect(lastText(bad)).toMatch(/^Tên này tôi chưa in được/);
    const issued = await p.say("  nguyễn   Thị Lan ");
    const cert = certificateOf(id)!;
    expect(cert).toMatchObject({ name: "nguyễn Thị Lan", score: 17 });
    expect(lastText(issued)).toContain(`Mã chứng nhận: ${cert.code}`);
    expect(lastText(issued)).toContain(`https://kynangso.example.vn/c/${cert.code}`);
    expect(button(issued, "Xem chứng nhận").payload).toEqual({ url: `https://kynangso.example.vn/c/${cert.code}` });
    expect(p.learner()?.certificate_name).toBe("nguyễn Thị Lan");

    const again = await p.say("thi");
    expect(lastText(again)).toMatch(/^Bạn đã đạt bài thi và có chứng nhận rồi/);
    expect(lastText(again)).toContain(cert.code);
  });

  it("without consent the name is printed but not kept on the learner; 'Dùng tên Zalo' uses the known name", async () => {
    const p = await learner("no");
    chat.server.db.prepare("UPDATE learners SET display_name = 'Trần Văn Ba' WHERE id = ?").run(p.learner()!.id);
    const passed = await takeFinal(p, 20);
    const issued = await p.tap(button(passed, "Dùng tên Zalo"));
    expect(lastText(issued)).toMatch(/Họ và tên: Trần Văn Ba/);
    expect(certificateOf(p.learner()!.id)?.name).toBe("Trần Văn Ba");
    expect(p.learner()?.certificate_name).toBeNull();
  });

  it("a fail says when the retry is allowed, refuses an early retry, and allows it after the pause", async () => {
    const p = await learner("no");
    const failed = await takeFinal(p, 15);
    expect(lastText(failed)).toMatch(/Bạn trả lời đúng 15\/20 câu\. Cần đúng 16 câu mới đạt\. Đừng buồn nhé.*Bạn có thể thi lại từ 11:00 hôm nay\./s);
    expect(certificateOf(p.learner()!.id)).toBeUndefined();
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
    for (let i = 0; i < 3; i++) screen = await p.tap(pick(chat.server.db, screen, true));
    await p.say("bài 1");
    const resumed = await p.say("thi");
    expect(lastText(resumed)).toMatch(/^Bạn đang thi dở\. Mình làm tiếp nhé:\n\nCâu 4\/20/);
    const old = await p.tap(answerButtons(firstScreen)[1]!);
    expect(lastText(old)).toMatch(/^Bạn đã trả lời câu này rồi/);
    const typed = await p.say("c");
    expect(lastText(typed)).toMatch(/Câu 5\/20/);
  });
});
