import { Router } from "express";
import { z } from "zod";
import { LESSON_QUIZ } from "../learning/index.js";
import { ApiError, parseInput } from "./api-error.js";
import type { AppApiDeps } from "./router.js";
import { sessionOf } from "./require-session.js";

/** A client-made attempt id (a UUID in practice): unguessable, URL-safe. */
export const attemptId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const answer = z.strictObject({
  questionId: z.string().regex(/^\d{2}-\d{2}$/),
  chosen: z.number().int().min(0).max(3),
});

const body = z.strictObject({
  attemptId,
  lessonId: z.number().int().min(1).max(99),
  answers: z.array(answer).min(1).max(LESSON_QUIZ.questions),
});

export const ANSWER_MESSAGES = {
  attemptId: "Mã lượt làm bài chưa đúng. Bạn làm lại bài nhé.",
  lessonId: "Không có bài học này.",
  answers: "Câu trả lời gửi lên chưa đúng. Bạn làm lại bài nhé.",
};

/**
 * POST /api/quiz-attempts: a whole lesson quiz, scored by the server. Offline queues may send it many
 * times; the first one counts (same answers: same result; different answers: 409).
 */
export function quizRouter(deps: AppApiDeps): Router {
  const { learning, session } = deps;
  const router = Router();

  router.post("/api/quiz-attempts", session, async (req, res) => {
    const input = parseInput(body, req.body, ANSWER_MESSAGES);
    const learnerId = sessionOf(res).learner.id;
    const outcome = await learning.transaction(async () => {
      const r = await learning.attempts.submitWhole(learnerId, input.attemptId, input.lessonId, input.answers, LESSON_QUIZ.passMark);
      // The first submission feeds progress, review and counts exactly as a quiz finished in chat does.
      if (r.status === "ok" && r.firstTime) {
        await learning.recordLessonQuiz(learnerId, input.lessonId, r.attempt.score ?? 0, r.attempt.items);
      }
      return r;
    }, { learner: learnerId });
    if (outcome.status === "conflict") {
      throw new ApiError(409, "attempt_conflict", "Lượt làm bài này đã được nộp với câu trả lời khác. Bạn làm lại bài để có lượt mới nhé.");
    }
    if (outcome.status === "invalid") {
      throw new ApiError(400, "invalid_question", "Có câu hỏi không thuộc bài này. Bạn tải lại bài rồi làm lại nhé.", { field: "answers" });
    }
    const { attempt } = outcome;
    res.json({
      score: attempt.score,
      total: attempt.total,
      passed: attempt.passed,
      results: attempt.items.map((i) => ({
        questionId: i.questionId,
        correct: i.correct === true,
        answer: learning.attempts.question(i.questionId)!.answer,
      })),
    });
  });
  return router;
}
