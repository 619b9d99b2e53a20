import { recordFirstTouch } from "./auth/first-touch";
import { ensureSession } from "./auth/session";
import { startOutbox } from "./offline/outbox";
import { platform } from "./platform";
import { applyTextSize, storedTextSize } from "./settings/text-size";

/** Everything that happens once per app start; none of it blocks the first screen. */
export function startApp(): () => void {
  let stopOutbox: (() => void) | null = null;
  let stopped = false;
  void platform().then((p) => {
    if (stopped) return;
    recordFirstTouch(p.storage, window.location.search);
    applyTextSize(storedTextSize(p.storage));
    // Signed in in the background: lesson reading never waits for it, and a failure is retried on demand.
    void ensureSession().catch(() => undefined);
    stopOutbox = startOutbox();
  });
  return () => {
    stopped = true;
    stopOutbox?.();
  };
}
