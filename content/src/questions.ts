// Loads and checks one lesson's question bank.
import { checkChoiceQuestion } from "./choice.js";
import { readTextFile } from "./files.js";
import { duplicateIds } from "./list-file.js";
import type { FileProblems } from "./problems.js";
import { LIMITS } from "./rules.js";
import { type AnswerIndex, type Question, questionEntrySchema, questionFileSchema } from "./schema.js";
import { parseYaml } from "./yaml-file.js";
import { plainEnglish, reportZodError } from "./zod-issues.js";

export interface QuestionFileResult {
  /** The valid questions (possibly fewer than in the file; the rest are reported). */
  questions: Question[];
  /** The answer of every entry whose answer letter is valid, even if the entry has other faults. */
  answers: AnswerIndex[];
}

export function loadQuestionFile(contentDir: string, lessonId: number, out: FileProblems): QuestionFileResult {
  const none: QuestionFileResult = { questions: [], answers: [] };
  const text = readTextFile(contentDir, out);
  if (text === undefined) return none;
  const data = parseYaml(text, out);
  if (data === undefined) return none;
  const file = questionFileSchema.safeParse(data, { error: plainEnglish });
  if (!file.success) {
    reportZodError(file.error, "", out);
    return none;
  }
  const nn = String(lessonId).padStart(2, "0");
  if (file.data.lesson !== lessonId) out.add("lesson", `is ${file.data.lesson} but the file name starts with ${nn}`);

  const questions: Question[] = [];
  const answers: AnswerIndex[] = [];
  const duplicate = duplicateIds(out);
  file.data.questions.forEach((raw, index) => {
    const field = `questions[${index}]`;
    duplicate(raw, field);

    // The answer-letter balance is judged on every entry, so one broken question does not skew it.
    const answer = questionEntrySchema.shape.answer.safeParse(rawField(raw, "answer"));
    if (answer.success) answers.push(answer.data);

    const parsed = questionEntrySchema.safeParse(raw, { error: plainEnglish });
    if (!parsed.success) {
      reportZodError(parsed.error, field, out);
      return;
    }
    const entry = parsed.data;
    if (!entry.id.startsWith(`${nn}-`)) out.add(`${field}.id`, `"${entry.id}" must start with "${nn}-", the lesson number`);
    checkChoiceQuestion(entry, field, out);
    questions.push({ ...entry, lesson: lessonId });
  });

  if (file.data.questions.length < LIMITS.minQuestionsPerLesson) {
    out.add("questions", `has ${file.data.questions.length} questions; each lesson needs at least ${LIMITS.minQuestionsPerLesson}`);
  }
  return { questions, answers };
}

function rawField(raw: unknown, key: string): unknown {
  return typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}
