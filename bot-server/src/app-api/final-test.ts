import { Router } from "express";
import { z } from "zod";
import type { Attempt } from "../learning/quiz-attempts.js";
import { localClock, vietnameseDay } from "../local-time.js";
import { ApiError, parseInput } from "./api-error.js";
import { certificateView, publicBase } from "./certificate.js";
import { ANSWER_MESSAGES, answer, attemptId } from "./quiz.js";
import type { AppApiDeps } from "./router.js";
import { sessionOf } from "./require-session.js";

const startBody = z.strictObject({ attemptId });
const submitBody = z.strictObject({ answers: z.array(answer).min(1).max(100) });
const submitParams = z.object({ attemptId });

const notFound = () => new ApiError(404, "attempt_not_found", "Không tìm thấy lượt làm bài này. Bạn bắt đầu lại bài thi nhé.");

/**
 * The final test: POST /api/final-test starts or resumes an attempt (questions without answers);
 * POST /api/final-test/:attemptId/submit scores all answers at once and, on a pass, issues the certificate.
 */
export function finalTestRouter(deps: AppApiDeps): Router {
  const { learning, session } = deps;
  const router = Router();

  /** The attempt, if it is this learner's final test; anything else looks the same as no attempt. */
  const ownAttempt = async (learnerId: number, id: string): Promise<Attempt | undefined> => {
    const a = await learning.attempts.get(id);
    return a && a.learnerId === learnerId && a.kind === "final" ? a : undefined;
  };

  router.post("/api/final-test", session, async (req, res) => {
    const { attemptId: id } = parseInput(startBody, req.body, ANSWER_MESSAGES);
    const learnerId = sessionOf(res).learner.id;
    const started = await learning.transaction(async () => {
      // An id already used for something else (another person's attempt, a lesson quiz) cannot be reused.
      if ((await learning.attempts.get(id)) && !(await ownAttempt(learnerId, id))) return "taken" as const;
      return learning.finalTest.start(learnerId, "app", id);
    }, { learner: learnerId });
    if (started === "taken") {
      throw new ApiError(409, "attempt_conflict", "Mã lượt làm bài này đã được dùng. Bạn bắt đầu lại bài thi nhé.");
    }
    if (!started.ok) {
      throw new ApiError(423, "retry_later", `Bạn ôn lại bài một chút nhé. Bạn có thể làm lại bài thi lúc ${clockTime(started.retryAt, deps.config.TZ)}.`, {
        retryAt: started.retryAt.toISOString(),
      });
    }
    res.json({
      attemptId: started.attempt.id,
      questions: started.attempt.items.map((i) => {
        const q = learning.attempts.question(i.questionId)!;
        return { id: q.id, question: q.question, options: q.options };
      }),
    });
  });

  router.post("/api/final-test/:attemptId/submit", session, async (req, res) => {
    const params = submitParams.safeParse(req.params);
    const body = parseInput(submitBody, req.body, ANSWER_MESSAGES);
    const learner = sessionOf(res).learner;
    const attempt = params.success ? await ownAttempt(learner.id, params.data.attemptId) : undefined;
    if (!attempt) throw notFound();

    const submitted = await learning.transaction(
      async () => learning.finalTest.submitAll((await learning.learners.byId(learner.id))!, attempt, body.answers),
      { learner: learner.id },
    );
    if (submitted.kind === "incomplete") {
      throw new ApiError(400, "invalid_answers", `Bạn cần trả lời đủ ${submitted.expected} câu của lượt này rồi mới nộp bài.`, { field: "answers" });
    }
    if (submitted.kind === "conflict") throw new ApiError(409, "attempt_conflict", "Lượt làm bài này đã được nộp với câu trả lời khác.");
    const { result } = submitted;
    const { passMark } = learning.finalTest.options;
    res.json({
      score: result.attempt.score,
      total: result.attempt.total,
      passed: result.passed,
      passMark,
      mistakes: result.attempt.items
        .filter((i) => i.correct !== true)
        .map((i) => {
          const q = learning.attempts.question(i.questionId)!;
          return { questionId: q.id, question: q.question, chosen: i.chosen, answer: q.answer, explanation: q.explanation };
        }),
      certificate: result.certificate ? await certificateView(result.certificate, publicBase(deps, req)) : null,
      retryAt: result.retryAt?.toISOString() ?? null,
    });
  });
  return router;
}

/** "14:05 ngày 23/11/2026" in the server's time zone: when a person may try again. */
function clockTime(at: Date, timeZone: string): string {
  const local = localClock(timeZone).at(at);
  return `${local.time} ngày ${vietnameseDay(local.day)}`;
}
