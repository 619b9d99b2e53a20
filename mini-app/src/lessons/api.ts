import type { LessonSummary } from "./types";

export async function fetchLessons(signal?: AbortSignal): Promise<LessonSummary[]> {
  const res = await fetch("/api/lessons", { signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { lessons: LessonSummary[] };
  return body.lessons;
}
