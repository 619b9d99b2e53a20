import { Router } from "express";
import type { Content } from "../../../content/src/index.js";

/** GET /api/lessons: the 12 lessons in national order, summary fields only (public, cacheable). */
export function lessonsApiRouter(content: Content): Router {
  const router = Router();
  const body = JSON.stringify({
    lessons: content.lessons.map(({ id, slug, title, summary, minutes }) => ({ id, slug, title, summary, minutes })),
  });
  router.get("/api/lessons", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("json").send(body);
  });
  return router;
}
