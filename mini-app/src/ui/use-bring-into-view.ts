import { useEffect, useRef } from "react";

/**
 * When `show` turns true, scrolls the element into view (the least movement that shows it whole), e.g. a
 * quiz's feedback and its "Câu tiếp theo" button, which appear below the answers a thumb just tapped.
 */
export function useBringIntoView<T extends HTMLElement>(show: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (show) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [show]);
  return ref;
}
