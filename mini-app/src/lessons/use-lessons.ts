import { useEffect, useState } from "react";
import { fetchLessons } from "./api";
import type { LessonSummary } from "./types";

export type LessonsState = { status: "loading" } | { status: "error" } | { status: "ready"; lessons: LessonSummary[] };

export function useLessons(): [LessonsState, () => void] {
  const [state, setState] = useState<LessonsState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: "loading" });
    fetchLessons(abort.signal).then(
      (lessons) => setState({ status: "ready", lessons }),
      () => !abort.signal.aborted && setState({ status: "error" }),
    );
    return () => abort.abort();
  }, [attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
