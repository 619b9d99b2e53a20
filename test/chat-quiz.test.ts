import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { button, lastText, startChat, type ChatMessage, onboard } from "./support/chat.js";
import { answerButtons, pick } from "./support/quiz.js";
import { freshDatabaseEnv } from "./support/database.js";
import { textEvent } from "./support/server.js";

let chat: Awaited<ReturnType<typeof startChat>>;
beforeAll(async () => {
  chat = await startChat();
});
afterAll(async () => {
  await chat.stop();
});

const learner = (consent: "yes" | "no") => onboard(chat.person(), consent);

const db = () => chat.server.store;
const answered = (learnerId: number) =>
  db().all(
    `SELECT i.position, i.chosen FROM quiz_items i JOIN quiz_attempts a ON a.id = i.attempt_id WHERE a.learner_id = ? AND i.chosen IS NOT NULL
     ORDER BY a.kind, a.started_at, i.position`,
    [learnerId],
  );

const stoppedAt = (learnerId: number) => db().value("SELECT outreach_stopped_at FROM learners WHERE id = ?", [learnerId]);

describe("a whole lesson and its quiz in chat", () => {
  it("reads lesson 2, answers 5 questions one at a time with feedback, passes, and is pointed onwards", async () => {
    const p = await learner("yes");
    const lesson = await p.say("bài 2");
    let screen: ChatMessage[] = await p.tap(button(lesson, "Làm bài kiểm tra"));
    expect(lastText(screen)).toMatch(/^📝 Bài kiểm tra Bài 2: Sử dụng nền tảng số để làm việc, cộng tác\n5 câu, đúng 4 câu là qua/);
    for (let i = 1; i <= 5; i++) {
      expect(lastText(screen)).toMatch(new RegExp(`Câu ${i}/5: .+\\n\\nA\\. .+\\nB\\. .+\\nC\\. .+\\nD\\. .+`));
      expect(answerButtons(screen).map((b) => b.title[0])).toEqual(["A", "B", "C", "D"]);
      for (const b of answerButtons(screen)) expect(String(b.payload)).toMatch(/^#a:[\w-]{16}:[ABCD]$/);
      const right = i !== 3; // one miss
      screen = await p.tap(await pick(db(), screen, right));
      expect(screen).toHaveLength(1);
      expect(lastText(screen)).toMatch(right ? /^✅ Đúng rồi! / : /^❌ Chưa đúng\. Đáp án đúng là [ABCD]\. /);
    }
    expect(lastText(screen)).toMatch(/Bạn trả lời đúng 4\/5 câu\. 🎉 Bạn đã qua Bài 2! Mình học tiếp nhé\?/);
    expect(screen[0]!.buttons.map((b) => b.title)).toEqual(["Học Bài 1", "Xem tiến độ"]);
    const id = (await p.learner())!.id;
    expect(
      await db().get("SELECT best_score, CASE WHEN passed_at IS NOT NULL THEN 1 ELSE 0 END AS passed FROM lesson_progress WHERE learner_id = ? AND lesson_id = 2", [id]),
    ).toEqual({
      best_score: 4,
      passed: 1,
    });
    // The missed question comes back for review (spaced repetition), with consent.
    expect(await db().value("SELECT COUNT(*) FROM review_items WHERE learner_id = ?", [id])).toBe(1);
  });

  it("takes typed answers: 'A', 'b', '3', 'đáp án D'", async () => {
    const p = await learner("no");
    await p.say("kiểm tra bài 6");
    const id = (await p.learner())!.id;
    for (const typed of ["A", "b", "3", "đáp án D", "Chọn a"]) {
      const reply = await p.say(typed);
      expect(lastText(reply)).toMatch(/^(✅ Đúng rồi|❌ Chưa đúng)/);
    }
    expect(((await answered(id)) as { chosen: number }[]).map((r) => r.chosen)).toEqual([0, 1, 2, 3, 0]);
    // Without consent, nothing goes to the review schedule.
    expect(await db().value("SELECT COUNT(*) FROM review_items WHERE learner_id = ?", [id])).toBe(0);
    // With no quiz open, "A" is just text.
    const after = await p.say("A");
    expect(lastText(after)).toMatch(/^Xin lỗi, tôi chưa hiểu ý bạn/);
  });

  it("fails with fewer than 4 right and offers a retry and the lesson again", async () => {
    const p = await learner("no");
    let screen = await p.tap("#quiz:7");
    for (let i = 0; i < 5; i++) screen = await p.tap(await pick(db(), screen, i < 3));
    expect(lastText(screen)).toMatch(/Bạn trả lời đúng 3\/5 câu\. Cần đúng 4 câu để qua\./);
    expect(screen[0]!.buttons.map((b) => b.payload)).toEqual(["#quiz:7", "#lesson:7"]);
    const again = await p.tap("#quiz:7");
    expect(lastText(again)).toMatch(/Câu 1\/5/);
  });
});

describe("'kiểm tra' spellings", () => {
  it("'kiểm tra' is the quiz of the current lesson; 'kiem tra bai 5' of lesson 5; a link after it is not a quiz", async () => {
    const p = await learner("no");
    await p.say("bài 8");
    const current = await p.say("KIỂM TRA");
    expect(lastText(current)).toMatch(/^📝 Bài kiểm tra Bài 8/);
    const resume = await p.say("kiem tra");
    expect(lastText(resume)).toMatch(/^Bạn đang làm dở bài kiểm tra của Bài \d+\. Mình làm tiếp nhé:\n\nCâu 1\/5/);
    const five = await p.say("kiem tra bai 5");
    expect(lastText(five)).toMatch(/^📝 Bài kiểm tra Bài 5/);
    const out = await p.say("kiểm tra bài 13");
    expect(lastText(out)).toMatch(/Khóa học chỉ có Bài 1 đến Bài 12/);
    const before = await db().value("SELECT COUNT(*) FROM quiz_attempts");
    await p.say("kiểm tra http://vietcombank-xacminh.top/login");
    await p.say("kiểm tra 0912345678");
    expect(await db().value("SELECT COUNT(*) FROM quiz_attempts")).toBe(before);
  });
});

describe("stale and forged answer buttons change nothing", () => {
  it("a second tap on an answered question is answered politely", async () => {
    const p = await learner("no");
    const q1 = await p.tap("#quiz:4");
    const first = answerButtons(q1)[0]!;
    await p.tap(first);
    const id = (await p.learner())!.id;
    const before = await answered(id);
    const again = await p.tap(answerButtons(q1)[2]!);
    expect(lastText(again)).toMatch(/^Bạn đã trả lời câu này rồi\. Mình làm tiếp câu đang dở nhé:\n\nCâu 2\/5/);
    expect(await answered(id)).toEqual(before);
  });

  it("forged tokens, letters and other people's buttons do nothing", async () => {
    const p = await learner("no");
    const other = await learner("no");
    const theirs = await other.tap("#quiz:9");
    await p.tap("#quiz:9");
    const id = (await p.learner())!.id;
    for (const payload of ["#a:AAAAAAAAAAAAAAAA:A", "#a::A", "#a", `${String(answerButtons(theirs)[0]!.payload).slice(0, -1)}E`, String(answerButtons(theirs)[1]!.payload)]) {
      const reply = await p.tap(payload);
      expect(lastText(reply)).toBe("Nút này không còn dùng được nữa. Muốn làm bài kiểm tra, bạn nhắn: kiểm tra.");
    }
    expect(await answered(id)).toEqual([]);
    expect(await answered((await other.learner())!.id)).toEqual([]);
  });

  it("a button from an abandoned quiz, or from a finished one, is not counted", async () => {
    const p = await learner("no");
    const old = await p.tap("#quiz:10");
    await p.tap("#quiz:11");
    const stale = await p.tap(answerButtons(old)[0]!);
    expect(lastText(stale)).toMatch(/thuộc một lần làm bài cũ/);
    let screen = await p.tap("#quiz:11");
    const firstScreen = screen;
    for (let i = 0; i < 5; i++) screen = await p.tap(await pick(db(), screen, true));
    const before = await answered((await p.learner())!.id);
    const late = await p.tap(answerButtons(firstScreen)[0]!);
    expect(lastText(late)).toMatch(/Bài này đã làm xong rồi, nên câu trả lời này không tính nữa/);
    expect(await answered((await p.learner())!.id)).toEqual(before);
  });

  it("text that is not an answer during a quiz gets a gentle reminder with the question", async () => {
    const p = await learner("no");
    await p.tap("#quiz:12");
    const reply = await p.say("hôm nay trời đẹp quá");
    expect(lastText(reply)).toMatch(/^Tôi chưa hiểu ý bạn\. Bạn đang làm bài kiểm tra: bấm một nút hoặc gõ A, B, C, D nhé\.\n\nCâu 1\/5/);
    const thanks = await p.say("ok 👍");
    expect(lastText(thanks)).toMatch(/^Dạ 😊\nBạn đang làm dở bài kiểm tra của Bài 12\. Mình làm tiếp nhé:\n\nCâu 1\/5/);
  });

  it("'tiếp tục', 'tiếp', 'làm tiếp' in the middle of a quiz send the open question again and leave stopped reminders stopped", async () => {
    const p = await learner("yes");
    let screen = await p.tap("#quiz:3");
    screen = await p.tap(await pick(db(), screen, true));
    const question = /Câu 2\/5: [^\n]+/.exec(lastText(screen))![0];
    for (const spelling of ["tiếp tục", "TIEP TUC", "làm tiếp", "tiếp", "Tiếp!"]) {
      const again = await p.say(spelling);
      expect(again, spelling).toHaveLength(1);
      expect(lastText(again), spelling).toMatch(/^Bạn đang làm dở bài kiểm tra của Bài 3\. Mình làm tiếp nhé:\n\n/);
      expect(lastText(again)).toContain(question);
      expect(answerButtons(again)).toHaveLength(4);
    }
    await p.say("dừng");
    const id = (await p.learner())!.id;
    expect(await stoppedAt(id)).not.toBeNull();
    for (const spelling of ["tiếp tục", "làm tiếp", "tiếp"]) {
      const carried = await p.say(spelling);
      expect(lastText(carried), spelling).toMatch(
        /^Bạn đang tạm dừng nhận tin nhắc\. Muốn nhận lại, bạn nhắn “bật nhắc lại”\.\nBạn đang làm dở bài kiểm tra của Bài 3\. Mình làm tiếp nhé:/,
      );
      expect(lastText(carried)).toContain(question);
      expect(await stoppedAt(id), spelling).not.toBeNull(); // carrying on a quiz is not asking for reminders
    }
    const resumed = await p.say("bật nhắc lại");
    expect(lastText(resumed)).toMatch(/^Dạ, tôi sẽ nhắn nhắc bạn lại như trước\.\nBạn đang làm dở bài kiểm tra của Bài 3\. Mình làm tiếp nhé:/);
    expect(lastText(resumed)).toContain(question);
    expect(await stoppedAt(id)).toBeNull();
    // The re-sent buttons answer the open question.
    const answered2 = await p.tap(await pick(db(), resumed, true));
    expect(lastText(answered2)).toMatch(/^✅ Đúng rồi! [\s\S]*Câu 3\/5/);
  });

  it("with no quiz open, 'tiếp' and 'làm tiếp' continue learning like 'học'; plain 'tiếp tục' and 'tiếp tục nhắc' turn reminders back on", async () => {
    const p = await learner("yes");
    const id = (await p.learner())!.id;
    await p.say("dừng");
    for (const spelling of ["tiếp", "làm tiếp", "lam tiep"]) {
      const next = await p.say(spelling);
      // The first sends lesson 1; then it is the lesson being read, with its quiz button (as "học" says).
      expect(next.map((m) => m.text).join("\n"), spelling).toMatch(spelling === "tiếp" ? /^\S+ Bài 1: /u : /^Bạn đang học Bài 1\./);
      expect(next.at(-1)!.buttons.map((b) => b.title), spelling).toContain("Làm bài kiểm tra");
      expect(await stoppedAt(id), spelling).not.toBeNull();
    }
    const resumed = await p.say("tiếp tục");
    expect(lastText(resumed)).toMatch(/^Dạ, tôi sẽ nhắn cho bạn lại như trước\./);
    expect(await stoppedAt(id)).toBeNull();
    await p.say("dừng");
    const explicit = await p.say("tiếp tục nhắc");
    expect(lastText(explicit)).toMatch(/^Dạ, tôi sẽ nhắn cho bạn lại như trước\./);
    expect(await stoppedAt(id)).toBeNull();
    const already = await p.say("bật nhắc lại");
    expect(lastText(already)).toMatch(/^Bạn đang nhận tin nhắc bình thường\./);
  });
});

describe("restarts and redeliveries", () => {
  it("a quiz survives a restart: the buttons sent before it still answer the open question", async () => {
    const database = freshDatabaseEnv();
    const before = await startChat({ env: database });
    let screen: ChatMessage[];
    try {
      const p = await onboard(before.person(1), "no");
      screen = await p.tap("#quiz:3");
      screen = await p.tap(await pick(before.server.store, screen, true));
      expect(lastText(screen)).toContain("Câu 2/5");
    } finally {
      await before.stop();
    }
    const after = await startChat({ env: database });
    try {
      const p = after.person(1);
      const next = await p.tap(await pick(after.server.store, screen, true));
      expect(lastText(next)).toMatch(/^✅ Đúng rồi! [\s\S]*Câu 3\/5/);
    } finally {
      await after.stop();
    }
  });

  it("Zalo delivering the same tap twice answers it once", async () => {
    const p = await learner("no");
    const screen = await p.tap("#quiz:5");
    const event = textEvent(p.id, String(answerButtons(screen)[0]!.payload));
    const first = await p.send(event);
    const again = await p.send(event);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await answered((await p.learner())!.id)).toHaveLength(1);
  });
});
