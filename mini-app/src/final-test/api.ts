import { authedJson } from "../auth/session";
import { postJson, RequestError } from "../offline/http";
import { FinalResultSchema, FinalTestReply, type FinalQuestion, type FinalResult } from "./schemas";

export type FinalStart = { kind: "questions"; questions: FinalQuestion[] } | { kind: "wait"; retryAt: string };

/** Starts (or, with the same attempt id, resumes) a final test; a recent fail answers with a retry time. */
export async function startFinalTest(attemptId: string): Promise<FinalStart> {
  try {
    const reply = await authedJson("/api/final-test", FinalTestReply, postJson({ attemptId }));
    return { kind: "questions", questions: reply.questions };
  } catch (err) {
    if (err instanceof RequestError && err.status === 423) {
      const retryAt = (err.body as { retryAt?: unknown } | null)?.retryAt;
      if (typeof retryAt === "string") return { kind: "wait", retryAt };
    }
    throw err;
  }
}

/** Idempotent on the server: resubmitting after a lost answer returns the first result. */
export function submitFinalTest(attemptId: string, answers: { questionId: string | number; chosen: number }[]): Promise<FinalResult> {
  return authedJson(`/api/final-test/${encodeURIComponent(attemptId)}/submit`, FinalResultSchema, postJson({ answers }));
}
