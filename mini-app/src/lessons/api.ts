import { authedJson } from "../auth/session";
import { postJson, readJson, requestJson } from "../offline/http";
import { enqueue } from "../offline/outbox";
import { LessonList, LessonReply, TipReply, type Lesson, type LessonSummary, type Tip } from "./schemas";

// Lesson content is public: reading never waits for sign-in.
export async function fetchLessons(): Promise<LessonSummary[]> {
  return (await requestJson("/api/lessons", LessonList)).lessons;
}

declare global {
  interface Window {
    /** Started by an inline script in index.html when the app was opened on /lesson/:id. */
    __knsLesson?: { id: number; response: Promise<Response> };
  }
}

export async function fetchLesson(id: number): Promise<Lesson> {
  const early = window.__knsLesson;
  if (early?.id === id) {
    window.__knsLesson = undefined; // used once: a later "Thử lại" asks the network again
    return (await readJson(early.response, LessonReply)).lesson;
  }
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
