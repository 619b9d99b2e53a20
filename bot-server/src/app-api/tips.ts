import { Router } from "express";
import type { Tip } from "../../../content/src/index.js";
import { localClock } from "../local-time.js";
import type { AppApiDeps } from "./router.js";

/** The tip for a local calendar day (YYYY-MM-DD): everyone sees the same one that day, and they go round in order. */
function tipOfDay(tips: readonly Tip[], day: string): Tip {
  const dayNumber = Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
  return tips[dayNumber % tips.length]!;
}

/** GET /api/tips/today (public): a scam-awareness tip; the text is its sign, what to do and where to report. */
export function tipsRouter(deps: AppApiDeps): Router {
  const router = Router();
  router.get("/api/tips/today", (_req, res) => {
    const tip = tipOfDay(deps.content.tips, localClock(deps.config.TZ).at(deps.clock.now()).day);
    const text = [tip.sign, tip.action, tip.report].filter((line): line is string => line !== undefined).join("\n");
    // Cached briefly only: the tip changes at local midnight.
    res.set("Cache-Control", "public, max-age=600").json({ tip: { id: tip.id, title: tip.title, text } });
  });
  return router;
}
