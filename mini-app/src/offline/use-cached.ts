import { useCallback, useEffect, useState } from "react";
import { platform } from "../platform";
import type { Parser } from "./http";
import { readStored, readStoredText, writeStored } from "./stored-json";

export type Loaded<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; data: T; staleBecause?: unknown };

/** One object, so setting it again while already loading does not render again. */
const LOADING = { status: "loading" } as const;

/**
 * "stale-first" shows the stored copy at once when there is one (an opened lesson reads offline and appears
 * fast on 3G), then refreshes it from the network. "network-first" waits for the network and falls back to
 * the stored copy: for data that must not change under the person's finger (a quiz's drawn questions).
 * Only when neither exists does the screen show an error. A stored copy shown because the network failed
 * carries that failure (`staleBecause`), for screens where an old copy would say the wrong thing.
 */
export function useCached<T>(
  cacheKey: string,
  parser: Parser<T>,
  load: () => Promise<T>,
  mode: "stale-first" | "network-first" = "stale-first",
): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>(LOADING);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState(LOADING);
    void platform().then(async (p) => {
      const stored = readStoredText(p.storage, cacheKey);
      const cached = readStored(p.storage, cacheKey, parser);
      const shown = cached !== null && mode === "stale-first";
      if (shown && live) setState({ status: "ready", data: cached });
      try {
        const fresh = await load();
        const unchanged = JSON.stringify(fresh) === stored;
        // The same answer as the copy on screen: no write, no render (and nothing below it rebuilt).
        if (unchanged && shown) return;
        if (!unchanged) writeStored(p.storage, cacheKey, fresh);
        if (live) setState({ status: "ready", data: fresh });
      } catch (error) {
        if (!live) return;
        if (cached === null) setState({ status: "error", error });
        else if (mode === "network-first") setState({ status: "ready", data: cached, staleBecause: error });
      }
    });
    return () => {
      live = false;
    };
    // `load` and `parser` are recreated each render; the cache key alone names what is loaded.
  }, [cacheKey, attempt]);
  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
