import { authedJson } from "../auth/session";
import { postJson, requestJson } from "../offline/http";
import { enqueue } from "../offline/outbox";
import { LessonList, LessonReply, TipReply, type Lesson, type LessonSummary, type Tip } from "./schemas";

// Lesson content is public: reading never waits for sign-in.
export async function fetchLessons(): Promise<LessonSummary[]> {
  return (await requestJson("/api/lessons", LessonList)).lessons;
}

export async function fetchLesson(id: number): Promise<Lesson> {
  return (await requestJson(`/api/lessons/${id}`, LessonReply)).lesson;
}

export async function fetchTipOfTheDay(): Promise<Tip> {
  return (await requestJson("/api/tips/today", TipReply)).tip;
}

const Ignored = { parse: () => undefined };

/** "In progress" is a hint, not an achievement: sent once, quietly dropped when offline. */
export function markLessonOpened(id: number): Promise<void> {
  return authedJson(`/api/lessons/${id}/open`, Ignored, postJson()).catch(() => undefined);
}

/** "Done" goes through the outbox: it reaches the server when the network allows. */
export const markLessonDone = (id: number) => enqueue({ id: `complete-${id}`, path: `/api/lessons/${id}/complete`, body: {} });
