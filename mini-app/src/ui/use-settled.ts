import { useEffect, useState } from "react";

/**
 * `value` once it has stopped changing for `ms`. For what a screen reader announces while someone types:
 * one announcement when they pause, not one per keystroke.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
