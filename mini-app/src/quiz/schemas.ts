import * as z from "zod/mini";

/** GET /api/lessons/:id/quiz: answers are included so a quiz works offline with instant feedback. */
export const QuizQuestionSchema = z.object({
  id: z.union([z.string(), z.number()]),
  question: z.string(),
  options: z.array(z.string()),
  answer: z.number(),
  explanation: z.string(),
});
export type QuizQuestion = z.infer<typeof QuizQuestionSchema>;
export const QuizReply = z.object({ questions: z.array(QuizQuestionSchema) });
export const QuizQuestions = z.array(QuizQuestionSchema);

export const QUIZ_PASS_MARK = 4;

/** Where a lesson's drawn questions are kept on the phone (offline/stored-json). */
export const quizKey = (lessonId: number) => `quiz.${lessonId}`;
