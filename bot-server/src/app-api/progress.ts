import { Router } from "express";
import { z } from "zod";
import { parseInput } from "./api-error.js";
import { ownCertificate } from "./certificate.js";
import type { AppApiDeps } from "./router.js";
import { sessionOf } from "./require-session.js";

export const lessonParams = (lessonCount: number) =>
  z.object({ id: z.coerce.number().int().min(1).max(lessonCount) });

export const LESSON_MESSAGES = { id: "Không có bài học này. Bạn chọn bài từ 1 đến 12 nhé." };

/** GET /api/progress; POST /api/lessons/:id/open and /complete, through the same records the chat writes. */
export function progressRouter(deps: AppApiDeps): Router {
  const { learning, session } = deps;
  const params = lessonParams(deps.content.lessons.length);
  const router = Router();

  router.get("/api/progress", session, async (req, res) => {
    const learnerId = sessionOf(res).learner.id;
    const lessons = await learning.progress.lessons(learnerId);
    const last = await learning.attempts.latestFinished(learnerId, "final");
    const certificate = await ownCertificate(deps, req, learnerId);
    // A pass still waiting for its name counts, even after a later practice run failed.
    const passed = certificate !== null || (await learning.finalTest.bestPass(learnerId)) !== undefined;
    const retryAt = await learning.finalTest.retryAt(learnerId, last);
    res.json({
      lessons,
      finalTest: { passed, lastScore: last?.score ?? null, retryAt: retryAt?.toISOString() ?? null },
      certificate,
      next: passed ? { kind: "certificate" } : await learning.progress.next(learnerId, lessons),
    });
  });

  router.post("/api/lessons/:id/open", session, async (req, res) => {
    const { id } = parseInput(params, req.params, LESSON_MESSAGES);
    const learnerId = sessionOf(res).learner.id;
    await learning.progress.open(learnerId, id);
    res.json({ status: (await learning.progress.lessons(learnerId)).find((l) => l.id === id)!.status });
  });

  router.post("/api/lessons/:id/complete", session, async (req, res) => {
    const { id } = parseInput(params, req.params, LESSON_MESSAGES);
    const learnerId = sessionOf(res).learner.id;
    await learning.transaction(() => learning.completeLesson(learnerId, id), { learner: learnerId });
    res.json({ status: "done" });
  });
  return router;
}
