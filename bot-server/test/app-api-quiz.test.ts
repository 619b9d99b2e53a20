import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appApiServer, graphId, VIETNAMESE, newAttemptId, type AppApi } from "../../test/support/app-api.js";
import { lessonAnswers } from "../../test/support/learning.js";
import { DEFAULT_FINAL_TEST } from "../src/learning/final-test.js";

let t: AppApi;
beforeAll(async () => {
  t = await appApiServer();
});
afterAll(async () => {
  await t.stop();
});

const bank = (lesson: number) => t.learning.content.questionsByLesson.get(lesson)!;
const right = (lesson: number, n = 5) => lessonAnswers(lesson, n, n);
const wrong = (lesson: number, n = 5) => lessonAnswers(lesson, 0, n);

describe("lessons (public)", () => {
  it("GET /api/lessons/:id gives the whole lesson with HTML made from Markdown", async () => {
    const res = await t.call("GET", "/api/lessons/1");
    expect(res.status).toBe(200);
    const l = res.body.lesson;
    const source = t.learning.content.lessons[0]!;
    expect(l).toMatchObject({ id: 1, slug: source.slug, title: source.title, remember: source.remember });
    expect(l.sections.length).toBe(source.sections.length);
    expect(l.introHtml).toMatch(/^<p>/);
    expect(l.warningHtml).toContain("<");
    expect(l.practiceHtml).toContain("<");
    expect(l.illustrationSvg).toMatch(/<svg/);
    expect(l.sources[0].url).toMatch(/^https:\/\//);
    expect(res.headers.get("cache-control")).toContain("public");
    for (const bad of ["0", "13", "abc", "1.5", "-1"]) {
      const r = await t.call("GET", `/api/lessons/${bad}`);
      expect(r.status, bad).toBe(404);
      expect(r.body.message).toMatch(VIETNAMESE);
    }
  });

  it("GET /api/lessons/:id/quiz draws 5 different questions of that lesson, with answers, never cached", async () => {
    const res = await t.call("GET", "/api/lessons/6/quiz");
    expect(res.status).toBe(200);
    const qs = res.body.questions as { id: string; options: string[]; answer: number; explanation: string }[];
    expect(qs).toHaveLength(5);
    expect(new Set(qs.map((q) => q.id)).size).toBe(5);
    const ids = new Set(bank(6).map((q) => q.id));
    expect(qs.every((q) => ids.has(q.id) && q.options.length === 4 && q.answer >= 0 && q.answer <= 3 && q.explanation)).toBe(true);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await t.call("GET", "/api/lessons/13/quiz")).status).toBe(404);
  });

  it("GET /api/tips/today is the same tip all day in Vietnam and another tip the next day", async () => {
    t.clock.t = new Date("2026-11-23T17:30:00Z"); // 00:30 on the 24th in Vietnam
    const a = (await t.call("GET", "/api/tips/today")).body.tip;
    t.clock.t = new Date("2026-11-24T16:59:00Z"); // 23:59 on the 24th
    const b = (await t.call("GET", "/api/tips/today")).body.tip;
    t.clock.t = new Date("2026-11-24T17:01:00Z"); // 00:01 on the 25th
    const c = (await t.call("GET", "/api/tips/today")).body.tip;
    expect(a).toEqual(b);
    expect(c.id).not.toBe(a.id);
    expect(a.title).toBeTruthy();
    expect(a.text).toMatch(VIETNAMESE);
  });
});

describe("POST /api/quiz-attempts", () => {
  it("scores on the server, records progress, and is idempotent by attemptId", async () => {
    const { token } = await t.signIn(graphId(1));
    const attemptId = newAttemptId();
    // The client claims nothing about correctness: 4 right + 1 wrong scores 4 and passes.
    const answers = lessonAnswers(2, 4);
    const first = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId, lessonId: 2, answers } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ score: 4, total: 5, passed: true });
    expect(first.body.results.map((r: { correct: boolean }) => r.correct)).toEqual([true, true, true, true, false]);
    expect(first.body.results[4].answer).toBe(bank(2)[4]!.answer);

    const again = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId, lessonId: 2, answers } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.store.value(`SELECT COUNT(*) FROM quiz_attempts WHERE id = ?`, [attemptId])).toBe(1);
    const passedCount = await t.store.value(`SELECT SUM(n) FROM daily_counts WHERE metric = 'lesson_quiz_passed'`);
    expect(passedCount).toBe(1);

    const changed = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId, lessonId: 2, answers: right(2) } });
    expect(changed.status).toBe(409);
    expect(changed.body.message).toMatch(VIETNAMESE);

    const progress = await t.call("GET", "/api/progress", { token });
    expect(progress.body.lessons[1]).toEqual({ id: 2, status: "done", quizBest: 4, quizPassed: true });
  });

  it("a failed quiz keeps the best score and does not finish the lesson", async () => {
    const { token } = await t.signIn(graphId(2));
    await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), lessonId: 4, answers: lessonAnswers(4, 3) } });
    const low = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), lessonId: 4, answers: wrong(4) } });
    expect(low.body).toMatchObject({ score: 0, passed: false });
    const l4 = (await t.call("GET", "/api/progress", { token })).body.lessons[3];
    expect(l4).toEqual({ id: 4, status: "in_progress", quizBest: 3, quizPassed: false });
  });

  it("refuses unknown question ids, questions of another lesson, duplicates and malformed input with 400", async () => {
    const { token } = await t.signIn(graphId(3));
    const cases: Record<string, unknown>[] = [
      { lessonId: 1, answers: [{ questionId: "99-99", chosen: 0 }] },
      { lessonId: 1, answers: [{ questionId: "abc", chosen: 0 }] },
      { lessonId: 1, answers: right(2, 1) },
      { lessonId: 1, answers: [...right(1, 1), ...right(1, 1)] },
      { lessonId: 1, answers: [] },
      { lessonId: 1, answers: right(1, 6).concat(right(1, 1)) },
      { lessonId: 1, answers: [{ questionId: bank(1)[0]!.id, chosen: 4 }] },
      { lessonId: 1, answers: [{ questionId: bank(1)[0]!.id, chosen: "A" }] },
      { lessonId: 0, answers: right(1, 1) },
      { lessonId: "1", answers: right(1, 1) },
    ];
    for (const c of cases) {
      const res = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), ...c } });
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    for (const attemptId of ["", "short", "x".repeat(65), "has space in it 12345", 12345678901234567890]) {
      const res = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId, lessonId: 1, answers: right(1) } });
      expect(res.status, String(attemptId)).toBe(400);
      expect(res.body.field).toBe("attemptId");
    }
    const id = (await t.learning.learners.byAppUserId(graphId(3)))!.id;
    expect(await t.store.value(`SELECT COUNT(*) FROM quiz_attempts WHERE learner_id = ?`, [id])).toBe(0);
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[0].status).toBe("not_started");
  });

  it("POST /api/lessons/:id/open and /complete are idempotent and validate the id", async () => {
    const { token } = await t.signIn(graphId(4));
    expect((await t.call("POST", "/api/lessons/5/open", { token })).body).toEqual({ status: "in_progress" });
    expect((await t.call("POST", "/api/lessons/5/open", { token })).body).toEqual({ status: "in_progress" });
    expect((await t.call("POST", "/api/lessons/5/complete", { token })).body).toEqual({ status: "done" });
    expect((await t.call("POST", "/api/lessons/5/open", { token })).body).toEqual({ status: "done" });
    expect((await t.call("POST", "/api/lessons/5/complete", { token })).body).toEqual({ status: "done" });
    const completed = await t.store.value<number>(`SELECT SUM(n) FROM daily_counts WHERE metric = 'lesson_completed'`);
    await t.call("POST", "/api/lessons/5/complete", { token });
    expect(await t.store.value(`SELECT SUM(n) FROM daily_counts WHERE metric = 'lesson_completed'`)).toBe(completed);
    for (const bad of ["0", "13", "x"]) expect((await t.call("POST", `/api/lessons/${bad}/open`, { token })).status).toBe(400);
    expect((await t.call("POST", "/api/lessons/5/open")).status).toBe(401);
  });
});

describe("the final test", () => {
  const answersFor = (questions: { id: string }[], correct: number) =>
    questions.map((q, i) => {
      const a = t.learning.attempts.question(q.id)!.answer;
      return { questionId: q.id, chosen: i < correct ? a : (a + 1) % 4 };
    });

  it("start gives 20 questions without answers, at least one per lesson; the same attemptId resumes", async () => {
    const { token } = await t.signIn(graphId(10));
    const attemptId = newAttemptId();
    const a = await t.call("POST", "/api/final-test", { token, body: { attemptId } });
    expect(a.status).toBe(200);
    expect(a.body.attemptId).toBe(attemptId);
    expect(a.body.questions).toHaveLength(20);
    expect(a.body.questions.every((q: Record<string, unknown>) => q.answer === undefined && q.explanation === undefined)).toBe(true);
    expect(new Set(a.body.questions.map((q: { id: string }) => t.learning.attempts.question(q.id)!.lesson)).size).toBe(12);
    const b = await t.call("POST", "/api/final-test", { token, body: { attemptId } });
    expect(b.body).toEqual(a.body);
    expect(JSON.stringify(a.body)).not.toContain('"answer"');
  });

  it("a fail shows the mistakes and pauses retries (423 with retryAt); after the pause a pass earns the certificate, issued under the confirmed name", async () => {
    const { token } = await t.signIn(graphId(11), {}, "Phạm Văn Tư");
    for (let l = 1; l <= 12; l++) {
      await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), lessonId: l, answers: right(l) } });
    }
    expect((await t.call("GET", "/api/progress", { token })).body.next).toEqual({ kind: "final" });

    const first = newAttemptId();
    const q1 = (await t.call("POST", "/api/final-test", { token, body: { attemptId: first } })).body.questions;
    const incomplete = await t.call("POST", `/api/final-test/${first}/submit`, { token, body: { answers: answersFor(q1, 20).slice(0, 19) } });
    expect(incomplete.status).toBe(400);
    const failed = await t.call("POST", `/api/final-test/${first}/submit`, { token, body: { answers: answersFor(q1, 15) } });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ score: 15, total: 20, passed: false, passMark: 16, certificate: null });
    expect(failed.body.mistakes).toHaveLength(5);
    expect(failed.body.mistakes[0]).toMatchObject({ questionId: q1[15].id, answer: t.learning.attempts.question(q1[15].id)!.answer });
    expect(failed.body.mistakes[0].explanation).toBeTruthy();
    const retryAt = failed.body.retryAt as string;
    expect(Date.parse(retryAt)).toBe(t.clock.now().getTime() + DEFAULT_FINAL_TEST.retryPauseMs);

    // A resend of the same answers returns the same result; other answers are a conflict.
    expect((await t.call("POST", `/api/final-test/${first}/submit`, { token, body: { answers: answersFor(q1, 15) } })).body).toEqual(failed.body);
    expect((await t.call("POST", `/api/final-test/${first}/submit`, { token, body: { answers: answersFor(q1, 20) } })).status).toBe(409);

    const paused = await t.call("POST", "/api/final-test", { token, body: { attemptId: newAttemptId() } });
    expect(paused.status).toBe(423);
    expect(paused.body).toMatchObject({ error: "retry_later", retryAt });
    expect(paused.body.message).toMatch(VIETNAMESE);
    expect((await t.call("GET", "/api/progress", { token })).body.finalTest).toEqual({ passed: false, lastScore: 15, retryAt });

    t.clock.advance(DEFAULT_FINAL_TEST.retryPauseMs);
    const second = newAttemptId();
    const q2 = (await t.call("POST", "/api/final-test", { token, body: { attemptId: second } })).body.questions;
    expect(q2).toHaveLength(20);
    const passed = await t.call("POST", `/api/final-test/${second}/submit`, { token, body: { answers: answersFor(q2, 17) } });
    expect(passed.body).toMatchObject({ score: 17, passed: true, retryAt: null, certificate: null }); // issued once the name is confirmed
    expect((await t.call("GET", "/api/certificate", { token })).body).toEqual({
      certificate: null,
      awaitingName: { score: 17, total: 20, suggestedName: "Phạm Văn Tư" },
    });
    expect((await t.call("GET", "/api/progress", { token })).body.next).toEqual({ kind: "certificate" });

    const issued = await t.call("POST", "/api/certificate", { token, body: { name: "phạm  văn tư" } });
    expect(issued.status).toBe(201);
    const cert = issued.body.certificate;
    expect(cert).toMatchObject({ name: "Phạm Văn Tư", score: 17, total: 20, lessons: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(cert.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(cert.checkUrl).toBe(`https://kynangso.example.vn/c/${cert.code}`);
    expect(cert.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    const again = await t.call("POST", `/api/final-test/${second}/submit`, { token, body: { answers: answersFor(q2, 17) } });
    expect(again.body.certificate.code).toBe(cert.code);
    expect((await t.call("GET", "/api/certificate", { token })).body).toEqual({ certificate: cert, awaitingName: null });
    const progress = (await t.call("GET", "/api/progress", { token })).body;
    expect(progress.finalTest).toEqual({ passed: true, lastScore: 17, retryAt: null });
    expect(progress.next).toEqual({ kind: "certificate" });
    expect(progress.certificate.code).toBe(cert.code);
    expect(await t.store.value(`SELECT SUM(n) FROM daily_counts WHERE metric = 'certificate_issued'`)).toBe(1);
  });

  it("a pass waiting for its name still counts as passed after a later practice run fails", async () => {
    const { token } = await t.signIn(graphId(13));
    const pass = newAttemptId();
    const q1 = (await t.call("POST", "/api/final-test", { token, body: { attemptId: pass } })).body.questions;
    expect((await t.call("POST", `/api/final-test/${pass}/submit`, { token, body: { answers: answersFor(q1, 18) } })).body.passed).toBe(true);
    t.clock.advance(60_000);
    const practice = newAttemptId();
    const q2 = (await t.call("POST", "/api/final-test", { token, body: { attemptId: practice } })).body.questions;
    expect((await t.call("POST", `/api/final-test/${practice}/submit`, { token, body: { answers: answersFor(q2, 3) } })).body.passed).toBe(false);
    const progress = (await t.call("GET", "/api/progress", { token })).body;
    expect(progress.finalTest.passed).toBe(true);
    expect(progress.next).toEqual({ kind: "certificate" });
    expect((await t.call("GET", "/api/certificate", { token })).body.awaitingName).toMatchObject({ score: 18, total: 20 });
  });

  it("submitting to an unknown attempt is 404; someone without a certificate gets null", async () => {
    const { token } = await t.signIn(graphId(12));
    const res = await t.call("POST", `/api/final-test/${newAttemptId()}/submit`, { token, body: { answers: [{ questionId: "01-01", chosen: 0 }] } });
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(VIETNAMESE);
    expect((await t.call("GET", "/api/certificate", { token })).body).toEqual({ certificate: null, awaitingName: null });
    // A lesson quiz's attempt id is not a final test.
    const quizId = newAttemptId();
    await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: quizId, lessonId: 1, answers: right(1) } });
    expect((await t.call("POST", "/api/final-test", { token, body: { attemptId: quizId } })).status).toBe(409);
  });
});
