import { authedJson } from "../auth/session";
import { useCached } from "../offline/use-cached";
import { ProgressSchema, type Progress } from "./schemas";

export const fetchProgress = (): Promise<Progress> => authedJson("/api/progress", ProgressSchema);

/** Last known progress shows offline; the server's copy replaces it as soon as it answers. */
export const useProgress = () => useCached("progress", ProgressSchema, fetchProgress);
