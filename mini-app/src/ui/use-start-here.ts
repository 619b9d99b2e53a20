import { useEffect, useRef } from "react";

/**
 * One question per screen: when the question changes, bring its heading to the top and give it focus,
 * so the person (or their screen reader) starts reading at the question, not at the old button position.
 */
export function useStartHere<T extends HTMLElement>(key: unknown, { onMount = false } = {}) {
  const ref = useRef<T>(null);
  const first = useRef(!onMount);
  useEffect(() => {
    if (first.current) {
      first.current = false; // the screen's own opening is left alone, unless asked (a result replacing a question)
      return;
    }
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: "start" });
  }, [key]);
  return ref;
}
