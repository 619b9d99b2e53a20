import { authedJson } from "../auth/session";
import { readStored } from "../offline/stored-json";
import { useCached } from "../offline/use-cached";
import { platform } from "../platform";
import { ProgressSchema, type LessonStatus, type Progress } from "./schemas";

export const fetchProgress = (): Promise<Progress> => authedJson("/api/progress", ProgressSchema);

/** Last known progress shows offline; the server's copy replaces it as soon as it answers. */
export const useProgress = () => useCached("progress", ProgressSchema, fetchProgress);

/** What the phone last heard about one lesson, without asking the network (the reader must not wait). */
export async function knownLessonStatus(id: number): Promise<LessonStatus | null> {
  const kept = readStored((await platform()).storage, "progress", ProgressSchema);
  return kept?.lessons.find((l) => l.id === id)?.status ?? null;
}
