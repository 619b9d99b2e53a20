import { useCallback, useEffect, useState } from "react";
import { platform } from "../platform";
import type { Parser } from "./http";
import { readStored, writeStored } from "./stored-json";

export type Loaded<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; data: T; fromCache: boolean };

/**
 * "stale-first" shows the stored copy at once when there is one (an opened lesson reads offline and appears
 * fast on 3G), then refreshes it from the network. "network-first" waits for the network and falls back to
 * the stored copy: for data that must not change under the person's finger (a quiz's drawn questions).
 * Only when neither exists does the screen show an error.
 */
export function useCached<T>(
  cacheKey: string,
  parser: Parser<T>,
  load: () => Promise<T>,
  mode: "stale-first" | "network-first" = "stale-first",
): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    void platform().then(async (p) => {
      const cached = readStored(p.storage, cacheKey, parser);
      if (cached !== null && live && mode === "stale-first") setState({ status: "ready", data: cached, fromCache: true });
      try {
        const fresh = await load();
        writeStored(p.storage, cacheKey, fresh);
        if (live) setState({ status: "ready", data: fresh, fromCache: false });
      } catch (error) {
        if (!live) return;
        if (cached === null) setState({ status: "error", error });
        else if (mode === "network-first") setState({ status: "ready", data: cached, fromCache: true });
      }
    });
    return () => {
      live = false;
    };
    // `load` and `parser` are recreated each render; the cache key alone names what is loaded.
  }, [cacheKey, attempt]);
  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
