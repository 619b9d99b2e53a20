import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appApiServer, graphId, newAttemptId, type AppApi } from "../../test/support/app-api.js";
import { lessonAnswers } from "../../test/support/learning.js";
import { followEvent, postEvent, textEvent } from "../../test/support/server.js";
import { LESSON_QUIZ } from "../src/learning/index.js";
import type { Learning } from "../src/learning/index.js";

let t: AppApi;
/** The chat's own view of the records: the processing stage's Learning, as the chat handlers use it. */
let chat: Learning;
beforeAll(async () => {
  t = await appApiServer();
  chat = t.chat;
});
afterAll(async () => {
  await t.stop();
});


/** A lesson quiz taken in chat, one button tap per question, recorded as the chat does. */
async function passQuizInChat(learnerId: number, lessonId: number) {
  const questions = chat.content.questionsByLesson.get(lessonId)!.slice(0, LESSON_QUIZ.questions);
  const attempt = await chat.attempts.start(learnerId, "lesson", lessonId, questions, "chat");
  for (const [i, q] of questions.entries()) await chat.attempts.answer(attempt.id, i + 1, q.answer);
  const done = await chat.attempts.finish(attempt.id, LESSON_QUIZ.passMark);
  await chat.recordLessonQuiz(learnerId, lessonId, done.score!, done.items);
}

describe("one progress for chat and app", () => {
  it("chat → app: lesson 1 finished in chat shows as done in the app (linked by user_id_by_app)", async () => {
    const oa = "7000000000000000001";
    const g = graphId(1);
    expect((await postEvent(t.server.url, { ...followEvent(oa), user_id_by_app: g })).status).toBe(200);
    const learner = await t.chatLearner(oa);
    await passQuizInChat(learner.id, 1);

    const { token } = await t.signIn(g);
    const progress = (await t.call("GET", "/api/progress", { token })).body;
    expect(progress.lessons[0]).toEqual({ id: 1, status: "done", quizBest: 5, quizPassed: true });
    expect(progress.next).toEqual({ kind: "lesson", lessonId: 2 });
  });

  it("chat → app: a chat learner Zalo gave no app id is joined by idByOA at sign-in, once Zalo confirms it", async () => {
    const oa = "7000000000000000002";
    const g = graphId(2);
    const event = textEvent(oa, "bài 1");
    delete event.user_id_by_app;
    expect((await postEvent(t.server.url, event)).status).toBe(200);
    const learner = await t.chatLearner(oa);
    expect(learner.zalo_app_user_id).toBeNull();
    await chat.completeLesson(learner.id, 1);
    await passQuizInChat(learner.id, 2);

    const without = await t.signIn(graphId(3));
    expect((await t.call("GET", "/api/progress", { token: without.token })).body.lessons[0].status).toBe("not_started");
    t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Bà Năm" });
    const { token } = await t.signIn(g, { idByOA: oa });
    const lessons = (await t.call("GET", "/api/progress", { token })).body.lessons;
    expect(lessons[0]).toMatchObject({ status: "done", quizPassed: false });
    expect(lessons[1]).toMatchObject({ status: "done", quizPassed: true });
    expect((await chat.learners.byZaloUserId(oa))!.zalo_app_user_id).toBe(g);
  });

  it("app → chat: lessons done and quizzes passed in the app are what the chat sees when the person writes", async () => {
    const g = graphId(4);
    const oa = "7000000000000000004";
    const { token } = await t.signIn(g);
    await t.call("POST", "/api/lessons/1/complete", { token });
    const answers = lessonAnswers(2);
    const quiz = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), lessonId: 2, answers } });
    expect(quiz.body.passed).toBe(true);
    await t.call("POST", "/api/lessons/3/open", { token });

    // Later the same person writes to the OA; Zalo's webhook carries the same user_id_by_app.
    expect((await postEvent(t.server.url, { ...textEvent(oa, "tiếp tục"), user_id_by_app: g })).status).toBe(200);
    const learner = await t.chatLearner(oa);
    expect(learner.id).toBe((await t.learning.learners.byAppUserId(g))!.id);
    expect((await chat.progress.lessons(learner.id)).slice(0, 3)).toEqual([
      { id: 1, status: "done", quizBest: null, quizPassed: false },
      { id: 2, status: "done", quizBest: 5, quizPassed: true },
      { id: 3, status: "in_progress", quizBest: null, quizPassed: false },
    ]);
    expect(await chat.progress.next(learner.id)).toEqual({ kind: "lesson", lessonId: 3 });
    // The app passes lesson 3 afterwards: the chat sees that too.
    const l3 = lessonAnswers(3);
    await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), lessonId: 3, answers: l3 } });
    expect((await chat.progress.lessons(learner.id))[2]).toMatchObject({ status: "done", quizPassed: true });
  });

  it("app → chat: a certificate won in the app is the chat learner's certificate", async () => {
    const g = graphId(5);
    const oa = "7000000000000000005";
    expect((await postEvent(t.server.url, { ...followEvent(oa), user_id_by_app: g })).status).toBe(200);
    const learner = await t.chatLearner(oa);
    const { token } = await t.signIn(g);
    const attemptId = newAttemptId();
    const questions = (await t.call("POST", "/api/final-test", { token, body: { attemptId } })).body.questions as { id: string }[];
    const answers = questions.map((q) => ({ questionId: q.id, chosen: chat.attempts.question(q.id)!.answer }));
    const result = await t.call("POST", `/api/final-test/${attemptId}/submit`, { token, body: { answers } });
    expect(result.body.passed).toBe(true);
    const issued = await t.call("POST", "/api/certificate", { token, body: { name: "trần thị hoa" } });
    expect(await chat.certificates.forLearner(learner.id)).toMatchObject({ code: issued.body.certificate.code, name: "Trần Thị Hoa" });
  });
});
