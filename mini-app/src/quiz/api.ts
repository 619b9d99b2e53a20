import { requestJson } from "../offline/http";
import { enqueue } from "../offline/outbox";
import { useCached } from "../offline/use-cached";
import { quizKey, QuizQuestions, QuizReply, type QuizQuestion } from "./schemas";

export async function fetchQuiz(lessonId: number): Promise<QuizQuestion[]> {
  return (await requestJson(`/api/lessons/${lessonId}/quiz`, QuizReply)).questions;
}

/** A quiz opened once (or prefetched by the reader) works offline; online, a fresh draw is used. */
export const useQuiz = (lessonId: number) => useCached(quizKey(lessonId), QuizQuestions, () => fetchQuiz(lessonId), "network-first");

export interface QuizAnswer {
  questionId: string | number;
  chosen: number;
}

/** Queued under its attempt id: however often it is resent, the server counts it once. */
export function submitQuizAttempt(attemptId: string, lessonId: number, answers: QuizAnswer[]): Promise<void> {
  return enqueue({ id: `quiz-${attemptId}`, path: "/api/quiz-attempts", body: { attemptId, lessonId, answers } });
}
