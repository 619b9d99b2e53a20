import * as z from "zod/mini";

export const CertificateSchema = z.object({
  code: z.string(),
  name: z.string(),
  issuedAt: z.string(),
  score: z.number(),
  total: z.number(),
  lessons: z.array(z.number()),
  checkUrl: z.string(),
  /** SVG markup of a QR code for checkUrl, made by the server (docs/api.md). */
  qrSvg: z.optional(z.string()),
});
export type Certificate = z.infer<typeof CertificateSchema>;

export const LessonStatus = z.enum(["not_started", "in_progress", "done"]);
export type LessonStatus = z.infer<typeof LessonStatus>;

/** GET /api/progress. */
export const ProgressSchema = z.object({
  lessons: z.array(
    z.object({ id: z.number(), status: LessonStatus, quizBest: z.nullable(z.number()), quizPassed: z.boolean() }),
  ),
  finalTest: z.object({ passed: z.boolean(), lastScore: z.nullable(z.number()), retryAt: z.nullable(z.string()) }),
  certificate: z.nullable(CertificateSchema),
  next: z.object({ kind: z.enum(["lesson", "quiz", "final", "certificate"]), lessonId: z.optional(z.number()) }),
});
export type Progress = z.infer<typeof ProgressSchema>;
export type NextStep = Progress["next"];
