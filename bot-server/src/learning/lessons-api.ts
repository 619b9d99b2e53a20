import { Router, type Response } from "express";
import { apiCors } from "../app-api/cors.js";
import { renderMarkdown, type Content, type Lesson } from "../../../content/src/index.js";
import { LESSON_QUIZ } from "./index.js";
import { drawLessonQuiz } from "./draw.js";

/** One lesson as the Mini App reader shows it. HTML comes from Markdown with raw HTML disabled. */
function lessonBody(l: Lesson) {
  return {
    lesson: {
      id: l.id,
      slug: l.slug,
      title: l.title,
      summary: l.summary,
      minutes: l.minutes,
      introHtml: renderMarkdown(l.intro),
      sections: l.sections.map((s) => ({ heading: s.heading, html: s.html })),
      warningHtml: l.warning.html,
      remember: l.remember,
      practiceHtml: l.practice.html,
      illustrationSvg: l.illustration,
      sources: l.sources.map(({ title, url }) => ({ title, url })),
    },
  };
}

function noSuchLesson(res: Response): void {
  res.status(404).json({ error: "lesson_not_found", message: "Không có bài học này. Bạn chọn bài từ 1 đến 12 nhé." });
}

/**
 * The lessons (public, cacheable): GET /api/lessons (the 12 in national order, summary fields),
 * GET /api/lessons/:id (the whole lesson) and GET /api/lessons/:id/quiz (5 questions drawn at random,
 * answers included on purpose: the quiz works offline with instant feedback; the server rescores).
 */
export function lessonsApiRouter(content: Content): Router {
  const router = Router();
  const body = JSON.stringify({
    lessons: content.lessons.map(({ id, slug, title, summary, minutes }) => ({ id, slug, title, summary, minutes })),
  });
  // Content is read-only while the server runs: each lesson is rendered once.
  const lessons = new Map(content.lessons.map((l) => [String(l.id), JSON.stringify(lessonBody(l))]));

  router.use("/api/lessons", apiCors);
  router.get("/api/lessons", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").type("json").send(body);
  });
  router.get("/api/lessons/:id", (req, res) => {
    const lesson = lessons.get(req.params.id);
    if (!lesson) return noSuchLesson(res);
    res.set("Cache-Control", "public, max-age=300").type("json").send(lesson);
  });
  router.get("/api/lessons/:id/quiz", (req, res) => {
    if (!lessons.has(req.params.id)) return noSuchLesson(res);
    const questions = drawLessonQuiz(content, Number(req.params.id), LESSON_QUIZ.questions).map((q) => ({
      id: q.id,
      question: q.question,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
    }));
    // A fresh draw each time: never cached.
    res.set("Cache-Control", "no-store").json({ questions });
  });
  return router;
}
