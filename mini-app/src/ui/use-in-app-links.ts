import { useCallback, type MouseEvent } from "react";
import { useNavigate } from "zmp-ui";
import { platform } from "../platform";

/** A link to another lesson as the lesson Markdown writes it: `/lesson/N`. */
const LESSON_LINK = /^\/lesson\/\d{1,3}$/;
const WEB_LINK = /^https?:\/\//i;

/**
 * One click handler for the links inside an element, e.g. a lesson's text (its HTML is inserted as is) or
 * the certificate's check address. Inside Zalo the page lives under
 * /zapps/<APP_ID>/: a plain `/lesson/10` would load Zalo's own host and close the app, and an outside page
 * would replace it. So lesson links go through the app's router and web links through the host adapter.
 */
export function useInAppLinks(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || !event.currentTarget.contains(link)) return;
      const href = link.getAttribute("href") ?? "";
      if (LESSON_LINK.test(href)) {
        event.preventDefault();
        navigate(href);
      } else if (WEB_LINK.test(href)) {
        event.preventDefault();
        void platform().then((p) => p.openExternal(href));
      }
    },
    [navigate],
  );
}
