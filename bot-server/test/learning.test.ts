import { describe, expect, it } from "vitest";
import { drawFinalTest, drawLessonQuiz } from "../src/learning/draw.js";
import { LESSON_QUIZ } from "../src/learning/index.js";
import { normalizeCertificateCode } from "../src/learning/ids.js";
import { certificateCheckUrl } from "../src/learning/certificates.js";
import { certificateUrl } from "../src/chat/flows/links.js";
import { content, learningFixture } from "../../test/support/learning.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("drawing questions", () => {
  it("a final test has 20 different questions with at least one from every lesson", () => {
    for (let i = 0; i < 50; i++) {
      const qs = drawFinalTest(content());
      expect(qs).toHaveLength(20);
      expect(new Set(qs.map((q) => q.id)).size).toBe(20);
      expect(new Set(qs.map((q) => q.lesson)).size).toBe(12);
    }
  });
  it("a lesson quiz has 5 different questions from that lesson only", () => {
    const qs = drawLessonQuiz(content(), 6);
    expect(qs).toHaveLength(5);
    expect(new Set(qs.map((q) => q.id)).size).toBe(5);
    expect(qs.every((q) => q.lesson === 6)).toBe(true);
  });
});

describe("lesson progress", () => {
  it("moves from not started to in progress to done and suggests the next step", async () => {
    const { learning, learner } = await learningFixture();
    const id = (await learner()).id;
    expect(await learning.progress.next(id)).toEqual({ kind: "lesson", lessonId: 1 });
    expect(await learning.progress.open(id, 1)).toBe(true);
    expect(await learning.progress.open(id, 1)).toBe(false);
    expect((await learning.progress.lessons(id))[0]!.status).toBe("in_progress");
    expect(await learning.completeLesson(id, 1)).toBe(true);
    expect(await learning.completeLesson(id, 1)).toBe(false);
    expect((await learning.progress.lessons(id))[0]).toEqual({ id: 1, status: "done", quizBest: null, quizPassed: false });
    expect(await learning.progress.next(id)).toEqual({ kind: "lesson", lessonId: 2 });
    for (let l = 2; l <= 12; l++) await learning.completeLesson(id, l);
    expect(await learning.progress.next(id)).toEqual({ kind: "quiz", lessonId: 1 });
  });
});

describe("chat quiz attempts", () => {
  it("takes one answer per question by its token; later taps change nothing", async () => {
    const { learning, learner } = await learningFixture();
    const me = await learner();
    const qs = drawLessonQuiz(content(), 1);
    const attempt = await learning.attempts.start(me.id, "lesson", 1, qs, "chat");
    const tokens = attempt.items.map((i) => i.token!);
    expect(new Set(tokens).size).toBe(5);
    for (const t of tokens) expect(t).toMatch(/^[\w-]{16}$/);

    const first = (await learning.attempts.byToken(tokens[0]!))!;
    const right = qs[0]!.answer;
    const r1 = (await learning.attempts.answer(first.attempt.id, first.item.position, right))!;
    expect(r1).toMatchObject({ status: "recorded", correct: true });
    const r2 = (await learning.attempts.answer(first.attempt.id, first.item.position, (right + 1) % 4))!;
    expect(r2.status).toBe("already-answered");
    expect(r2.item.chosen).toBe(right);

    const wrong = (await learning.attempts.answer(attempt.id, 2, (qs[1]!.answer + 1) % 4))!;
    expect(wrong).toMatchObject({ status: "recorded", correct: false });
    const done = await learning.attempts.finish(attempt.id, LESSON_QUIZ.passMark);
    expect(done).toMatchObject({ score: 1, total: 5, passed: false });
    expect((await learning.attempts.answer(attempt.id, 3, qs[2]!.answer))!.status).toBe("finished");
    expect((await learning.attempts.finish(attempt.id, 1)).passed).toBe(false); // finishing twice changes nothing
    expect(await learning.attempts.byToken("not-a-token")).toBeUndefined();
  });
});

describe("whole lesson quizzes from the Mini App", () => {
  const answersFor = (lessonId: number, rightCount: number) =>
    drawLessonQuiz(content(), lessonId).map((q, i) => ({ questionId: q.id, chosen: i < rightCount ? q.answer : (q.answer + 1) % 4 }));

  it("scores from the bank and accepts a resend of the same attempt once", async () => {
    const { learning, learner } = await learningFixture();
    const me = await learner();
    const answers = answersFor(3, 4);
    const first = await learning.attempts.submitWhole(me.id, "attempt-1", 3, answers, LESSON_QUIZ.passMark);
    expect(first).toMatchObject({ status: "ok", firstTime: true, attempt: { score: 4, passed: true } });
    const again = await learning.attempts.submitWhole(me.id, "attempt-1", 3, answers, LESSON_QUIZ.passMark);
    expect(again).toMatchObject({ status: "ok", firstTime: false, attempt: { score: 4 } });
    const changed = await learning.attempts.submitWhole(me.id, "attempt-1", 3, answersFor(3, 5), LESSON_QUIZ.passMark);
    expect(changed.status).toBe("conflict");
    const someoneElse = await learning.attempts.submitWhole((await learner(2)).id, "attempt-1", 3, answers, LESSON_QUIZ.passMark);
    expect(someoneElse.status).toBe("conflict");
  });

  it("refuses questions from another lesson, unknown ids and repeats", async () => {
    const { learning, learner } = await learningFixture();
    const me = await learner();
    expect((await learning.attempts.submitWhole(me.id, "a", 3, answersFor(4, 5), 4)).status).toBe("invalid");
    expect((await learning.attempts.submitWhole(me.id, "b", 3, [{ questionId: "99-99", chosen: 0 }], 4)).status).toBe("invalid");
    const one = answersFor(3, 1)[0]!;
    expect((await learning.attempts.submitWhole(me.id, "c", 3, [one, one], 4)).status).toBe("invalid");
  });
});

describe("final test and certificate", () => {
  async function takeFinal(f: Awaited<ReturnType<typeof learningFixture>>, learnerId: number, right: number) {
    const started = await f.learning.finalTest.start(learnerId, "app");
    if (!started.ok) throw new Error("could not start");
    for (const [i, item] of started.attempt.items.entries()) {
      const q = f.learning.attempts.question(item.questionId)!;
      await f.learning.attempts.answer(started.attempt.id, item.position, i < right ? q.answer : (q.answer + 1) % 4);
    }
    return f.learning.finalTest.finish((await f.learning.learners.byId(learnerId))!, started.attempt.id);
  }

  it("15/20 fails and imposes a pause; 16/20 passes; the certificate waits for a confirmed name, then is issued once", async () => {
    const f = await learningFixture();
    const me = await f.learner();
    await f.learning.learners.update(me.id, { consent: "granted" });
    expect(await f.learning.finalTest.issueCertificate((await f.learning.learners.byId(me.id))!, "Nguyễn Thị Lan")).toEqual({ kind: "not_passed" });
    const failed = await takeFinal(f, me.id, 15);
    expect(failed).toMatchObject({ passed: false, certificate: null });
    expect(failed.retryAt!.getTime()).toBe(f.clock.now().getTime() + HOUR);
    expect(await f.learning.finalTest.awaitsName(me.id)).toBe(false);
    const refused = await f.learning.finalTest.start(me.id, "app");
    expect(refused).toMatchObject({ ok: false });
    f.clock.advance(HOUR + 1);
    const passed = await takeFinal(f, me.id, 16);
    expect(passed).toMatchObject({ passed: true, certificate: null }); // no name chosen yet: nothing printed
    expect(await f.store.value("SELECT COUNT(*) FROM certificates")).toBe(0);
    expect(await f.learning.finalTest.awaitsName(me.id)).toBe(true);

    const learner = async () => (await f.learning.learners.byId(me.id))!;
    const bad = await f.learning.finalTest.issueCertificate(await learner(), "Lan 🎉");
    expect(bad).toMatchObject({ kind: "invalid_name", message: expect.stringMatching(/biểu tượng cảm xúc/) });
    const issued = await f.learning.finalTest.issueCertificate(await learner(), "  nguyễn   thị lan ");
    if (issued.kind !== "issued") throw new Error(issued.kind);
    expect(issued.certificate).toMatchObject({ name: "Nguyễn Thị Lan", score: 16, total: 20 });
    expect(issued.certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await learner()).certificate_name).toBe("Nguyễn Thị Lan"); // kept on the learner: consent was given
    expect(await f.learning.finalTest.awaitsName(me.id)).toBe(false);

    // Passing again does not issue a second certificate, and the printed name never changes.
    const again = await takeFinal(f, me.id, 20);
    expect(again.certificate!.code).toBe(issued.certificate.code);
    const renamed = await f.learning.finalTest.issueCertificate(await learner(), "Trần Văn Ba");
    expect(renamed).toMatchObject({ kind: "already_issued", certificate: { code: issued.certificate.code, name: "Nguyễn Thị Lan", score: 16 } });
    expect((await f.learning.certificates.forLearner(me.id))!.name).toBe("Nguyễn Thị Lan");
  });

  it("without consent the certificate carries the name, the learner record does not; a later failed practice keeps the pass", async () => {
    const f = await learningFixture();
    const me = await f.learner();
    await f.learning.learners.update(me.id, { consent: "declined" });
    await takeFinal(f, me.id, 18);
    await takeFinal(f, me.id, 3); // practising after the pass, before asking for the certificate
    expect(await f.learning.finalTest.awaitsName(me.id)).toBe(true);
    const issued = await f.learning.finalTest.issueCertificate((await f.learning.learners.byId(me.id))!, "trần thị hoa");
    expect(issued).toMatchObject({ kind: "issued", certificate: { name: "Trần Thị Hoa", score: 18 } });
    expect((await f.learning.learners.byId(me.id))!.certificate_name).toBeNull();
  });

  it("resumes an unfinished attempt instead of drawing new questions", async () => {
    const f = await learningFixture();
    const me = await f.learner();
    const a = await f.learning.finalTest.start(me.id, "chat");
    const b = await f.learning.finalTest.start(me.id, "chat");
    expect(a.ok && b.ok && b.resumed && a.attempt.id === b.attempt.id).toBe(true);
  });

  it("a whole test handed in at once must answer every question once; a resend changes nothing", async () => {
    const f = await learningFixture();
    const me = await f.learner();
    const started = await f.learning.finalTest.start(me.id, "app");
    if (!started.ok) throw new Error("could not start");
    const attempt = async () => (await f.learning.attempts.get(started.attempt.id))!;
    const all = started.attempt.items.map((i) => ({ questionId: i.questionId, chosen: f.learning.attempts.question(i.questionId)!.answer }));
    const learner = (await f.learning.learners.byId(me.id))!;
    expect(await f.learning.finalTest.submitAll(learner, await attempt(), all.slice(1))).toEqual({ kind: "incomplete", expected: 20 });
    expect(await f.learning.finalTest.submitAll(learner, await attempt(), [...all.slice(1), all[1]!])).toEqual({ kind: "incomplete", expected: 20 });
    expect(await f.learning.finalTest.submitAll(learner, await attempt(), [...all, { questionId: "99-99", chosen: 0 }])).toEqual({ kind: "incomplete", expected: 20 });
    expect((await attempt()).finishedAt).toBeNull(); // nothing was recorded by the refusals
    const first = await f.learning.finalTest.submitAll(learner, await attempt(), all);
    expect(first).toMatchObject({ kind: "done", result: { passed: true, attempt: { score: 20 } } });
    const again = await f.learning.finalTest.submitAll(learner, await attempt(), all);
    expect(again).toMatchObject({ kind: "done", result: { passed: true, attempt: { score: 20 } } });
    const other = all.map((a, i) => (i === 0 ? { ...a, chosen: (a.chosen + 1) % 4 } : a));
    expect(await f.learning.finalTest.submitAll(learner, await attempt(), other)).toEqual({ kind: "conflict" });
    expect((await attempt()).score).toBe(20);
  });

  it("finds a certificate by its code typed loosely, and nothing for a wrong code", async () => {
    const f = await learningFixture();
    const me = await f.learner();
    const cert = await f.learning.certificates.issue(me.id, "Ông Ba", 18, 20, [1, 2]);
    expect(await f.learning.certificates.byCode(cert.code.toLowerCase().replace(/-/g, " "))).toEqual(cert);
    expect(await f.learning.certificates.byCode("AAAA-AAAA-AAAA")).toBeUndefined();
    expect(await f.learning.certificates.byCode("<script>")).toBeUndefined();
    expect(normalizeCertificateCode("oooo-iiii-llll")).toBe("0000-1111-1111");
  });
});

describe("spaced review", () => {
  it("brings a missed question back tomorrow, then further out, and resets on a miss", async () => {
    const f = await learningFixture();
    const me = (await f.learner()).id;
    await f.learning.review.record(me, "01-01", true);
    expect(await f.learning.review.box(me, "01-01")).toBeUndefined();
    await f.learning.review.record(me, "01-02", false);
    expect(await f.learning.review.due(me)).toBeUndefined();
    f.clock.advance(DAY);
    expect(await f.learning.review.due(me)).toBe("01-02");
    await f.learning.review.record(me, "01-02", true);
    expect(await f.learning.review.box(me, "01-02")).toBe(2);
    f.clock.advance(DAY);
    expect(await f.learning.review.due(me)).toBeUndefined();
    f.clock.advance(2 * DAY);
    expect(await f.learning.review.due(me)).toBe("01-02");
    await f.learning.review.record(me, "01-02", false);
    expect(await f.learning.review.box(me, "01-02")).toBe(1);
  });

  it("scores a review answer against the bank and schedules the question by it", async () => {
    const f = await learningFixture();
    const me = (await f.learner()).id;
    const answer = f.learning.attempts.question("01-02")!.answer;
    expect(await f.learning.scoreReview(me, "01-02", (answer + 1) % 4)).toMatchObject({ correct: false, question: { id: "01-02" } });
    f.clock.advance(DAY);
    expect(await f.learning.review.due(me)).toBe("01-02");
    expect(await f.learning.scoreReview(me, "01-02", answer)).toMatchObject({ correct: true });
    expect(await f.learning.review.box(me, "01-02")).toBe(2);
    expect(await f.learning.scoreReview(me, "99-99", 0)).toBeUndefined();
  });
});

describe("one learner through both doors, and deletion", () => {
  it("links a Mini App sign-in to the OA learner through idByOA", async () => {
    const f = await learningFixture();
    const chat = await f.learner(5);
    await f.learning.completeLesson(chat.id, 2);
    const { learner, created } = await f.learning.learners.forAppUser("5550001", chat.zalo_user_id!, "Lan");
    expect(created).toBe(false);
    expect(learner.id).toBe(chat.id);
    expect((await f.learning.progress.lessons(learner.id))[1]!.status).toBe("done");
    // And the other way: the app first, then the chat with the same user_id_by_app.
    const app = (await f.learning.learners.forAppUser("5550002", undefined, "Hoa")).learner;
    const viaChat = await f.learning.learners.touch("7000000000000000099", f.clock.now(), "5550002");
    expect(viaChat.id).toBe(app.id);
  });

  it("erases the person's data and messages but keeps anonymous counts", async () => {
    const f = await learningFixture();
    const me = await f.learner(7);
    await f.learning.learners.update(me.id, { province_code: "01", commune_code: "00004" });
    await f.learning.completeLesson(me.id, 1);
    await f.learning.certificates.issue(me.id, "Bà Tư", 20, 20, [1]);
    await f.store.run(
      "INSERT INTO inbox (dedupe_key, event_name, user_id, raw, received_at, status) VALUES ('k', 'user_send_text', ?, '{\"message\":{\"text\":\"số CCCD của tôi\"}}', '', 'done')",
      [me.zalo_user_id],
    );
    await f.learning.erase(me.id);
    expect(await f.learning.learners.byId(me.id)).toBeUndefined();
    expect(await f.store.value("SELECT COUNT(*) FROM lesson_progress")).toBe(0);
    expect(await f.store.value("SELECT COUNT(*) FROM certificates")).toBe(0);
    expect(await f.store.value("SELECT COUNT(*) FROM inbox WHERE user_id = ?", [me.zalo_user_id])).toBe(0);
    expect(await f.store.all("SELECT metric, commune_code, n FROM daily_counts")).toEqual([{ metric: "lesson_completed", commune_code: "00004", n: 1 }]);
  });
});

describe("a certificate's check link (one rule for the chat and the Mini App)", () => {
  it("is <base>/c/<code>, with or without a trailing slash on the base", () => {
    expect(certificateCheckUrl("https://kynangso.example.vn", "KNS-AB12CD")).toBe("https://kynangso.example.vn/c/KNS-AB12CD");
    expect(certificateCheckUrl("https://kynangso.example.vn/", "KNS-AB12CD")).toBe("https://kynangso.example.vn/c/KNS-AB12CD");
    expect(certificateUrl({ PUBLIC_URL: "https://kynangso.example.vn", PORT: 3000 }, "KNS-AB12CD")).toBe(
      certificateCheckUrl("https://kynangso.example.vn", "KNS-AB12CD"),
    );
  });
});
