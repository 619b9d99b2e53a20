import * as z from "zod/mini";
import { CertificateSchema } from "../progress/schemas";

/** POST /api/final-test: 20 questions, no answers (the server scores). */
export const FinalQuestionSchema = z.object({ id: z.union([z.string(), z.number()]), question: z.string(), options: z.array(z.string()) });
export type FinalQuestion = z.infer<typeof FinalQuestionSchema>;
export const FinalTestReply = z.object({ attemptId: z.string(), questions: z.array(FinalQuestionSchema) });

/** POST /api/final-test/:attemptId/submit. */
export const FinalResultSchema = z.object({
  score: z.number(),
  total: z.number(),
  passed: z.boolean(),
  passMark: z.number(),
  mistakes: z.array(
    z.object({
      questionId: z.union([z.string(), z.number()]),
      question: z.string(),
      chosen: z.number(),
      answer: z.number(),
      explanation: z.string(),
    }),
  ),
  certificate: z.nullable(CertificateSchema),
  retryAt: z.nullable(z.string()),
});
export type FinalResult = z.infer<typeof FinalResultSchema>;
