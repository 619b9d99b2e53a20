import * as z from "zod/mini";

/** One lesson as GET /api/lessons lists it. */
export const LessonSummarySchema = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  minutes: z.number(),
});
export type LessonSummary = z.infer<typeof LessonSummarySchema>;
export const LessonList = z.object({ lessons: z.array(LessonSummarySchema) });

/** GET /api/lessons/:id. HTML fields come from the server's Markdown renderer with raw HTML disabled. */
export const LessonSchema = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  minutes: z.number(),
  introHtml: z.string(),
  sections: z.array(z.object({ heading: z.string(), html: z.string() })),
  warningHtml: z.nullable(z.optional(z.string())),
  remember: z.array(z.string()),
  practiceHtml: z.nullable(z.optional(z.string())),
  illustrationSvg: z.nullable(z.optional(z.string())),
  sources: z.array(z.object({ title: z.string(), url: z.string() })),
});
export type Lesson = z.infer<typeof LessonSchema>;
export const LessonReply = z.object({ lesson: LessonSchema });

/** GET /api/tips/today. */
export const TipSchema = z.object({ id: z.union([z.string(), z.number()]), title: z.string(), text: z.string() });
export type Tip = z.infer<typeof TipSchema>;
export const TipReply = z.object({ tip: TipSchema });
