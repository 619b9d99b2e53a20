// zod schemas for every content file, and the parsed types the rest of the product uses.
// Schemas check shape and single-field limits; rules that need several fields or files live in the loaders.
import { z } from "zod";
import { ANSWER_LETTERS, LESSON_COUNT, LIMITS } from "./rules.js";

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Non-empty text, trimmed (YAML block scalars end with a newline), optionally with a length limit. */
function text(maxChars?: number) {
  const base = z.string().trim().min(1, "is empty");
  return maxChars === undefined ? base : base.max(maxChars);
}

const kebabId = z
  .string()
  .regex(KEBAB_CASE, "must be lower-case ascii words joined by hyphens, e.g. gia-danh-ngan-hang");

/** An absolute https:// address with a real host name ("localhost" or a bare word is a typo). */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** A YYYY-MM-DD date that exists in the calendar (rejects 2026-02-30). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ANSWER_INDEX = { A: 0, B: 1, C: 2, D: 3 } as const;
export type AnswerIndex = (typeof ANSWER_INDEX)[keyof typeof ANSWER_INDEX];
export type FourOptions = [string, string, string, string];

const answerLetter = z
  .enum(ANSWER_LETTERS, { error: (issue) => `must be one of the letters A, B, C, D (got ${JSON.stringify(issue.input)})` })
  .transform((letter): AnswerIndex => ANSWER_INDEX[letter]);

const fourOptions = z
  .array(text(LIMITS.optionChars))
  .length(4)
  .transform((o): FourOptions => [o[0] ?? "", o[1] ?? "", o[2] ?? "", o[3] ?? ""]);

/** The multiple-choice core shared by bank questions and tip checks. Files use letters; we keep indexes. */
export const choiceQuestionSchema = z.strictObject({
  question: text(LIMITS.questionChars),
  options: fourOptions,
  answer: answerLetter,
  explanation: text(LIMITS.explanationChars),
});
export type ChoiceQuestion = z.output<typeof choiceQuestionSchema>;

// ---- competences.yaml ----

export const competenceSchema = z.strictObject({ id: kebabId, name: text() });
export type Competence = z.output<typeof competenceSchema>;

// ---- lessons/NN-slug.md front matter ----

export const sourceSchema = z.strictObject({
  title: text(),
  url: z.string().trim().refine(isHttpsUrl, {
    error: (issue) => `must be a full https:// address with a host name (got ${JSON.stringify(issue.input)})`,
  }),
});
export type Source = z.output<typeof sourceSchema>;

export const lessonFrontMatterSchema = z.strictObject({
  id: z.int().min(1).max(LESSON_COUNT),
  slug: kebabId,
  title: text(),
  summary: text(LIMITS.summaryChars),
  minutes: z.int().min(LIMITS.minMinutes).max(LIMITS.maxMinutes),
  competences: z.array(z.string()).min(1),
  reviewed: z.string().refine(isRealDate, {
    error: (issue) => `must be a real date written YYYY-MM-DD (got ${JSON.stringify(issue.input)})`,
  }),
  sources: z.array(sourceSchema).min(1),
  chat: z.array(text(LIMITS.chatMessageChars)).min(LIMITS.minChatMessages).max(LIMITS.maxChatMessages),
});
export type LessonFrontMatter = z.output<typeof lessonFrontMatterSchema>;

/** A piece of lesson body: its Markdown source and the HTML rendered from it. */
export interface RenderedMarkdown {
  markdown: string;
  html: string;
}

export interface LessonSection extends RenderedMarkdown {
  heading: string;
}

/** A lesson as the product uses it: front matter plus the body split into its parts. */
export interface Lesson {
  id: number;
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  competences: string[];
  sources: Source[];
  /** YYYY-MM-DD */
  reviewed: string;
  /** 2–3 plain-text chat messages that stand on their own. */
  chat: string[];
  /** Markdown of the opening paragraph(s) before the first section. */
  intro: string;
  /** The ordinary sections, in order (special sections excluded). */
  sections: LessonSection[];
  warning: RenderedMarkdown;
  /** The "Điều cần nhớ" bullets as plain text. */
  remember: string[];
  practice: RenderedMarkdown;
  /** The SVG source of the lesson's illustration. */
  illustration: string;
  /** Path relative to the content directory, e.g. "lessons/01-trinh-duyet-an-toan.md". */
  file: string;
}

// ---- questions/NN-slug.yaml ----

export const questionEntrySchema = z.strictObject({
  id: z.string().regex(/^\d{2}-\d{2}$/, 'must look like "01-07" (lesson number, then question number)'),
  difficulty: z.literal([1, 2, 3]),
  ...choiceQuestionSchema.shape,
});
export type QuestionEntry = z.output<typeof questionEntrySchema>;

/** The file's outer shape; each question is parsed on its own so one bad entry hides nothing else. */
export const questionFileSchema = z.strictObject({
  lesson: z.int().min(1).max(LESSON_COUNT),
  questions: z.array(z.unknown()).min(1),
});

export type Question = QuestionEntry & { lesson: number };

// ---- tips/scam-types.yaml ----

export const scamTypeSchema = z.strictObject({
  id: kebabId,
  name: text(),
  source: z.enum(["handbook-2023", "new-2024-2026"]),
});
export type ScamType = z.output<typeof scamTypeSchema>;

// ---- tips/tips.yaml ----

export const tipSchema = z.strictObject({
  id: kebabId,
  scam: kebabId,
  title: text(),
  sign: text(),
  action: text(),
  report: text().optional(),
  lessons: z.array(z.int().min(1).max(LESSON_COUNT)).min(1).optional(),
  check: choiceQuestionSchema.optional(),
});
export type Tip = z.output<typeof tipSchema>;

// ---- everything ----

export interface Content {
  /** Sorted by id. */
  lessons: Lesson[];
  /** All questions, lesson by lesson, in file order. */
  questions: Question[];
  questionsByLesson: Map<number, Question[]>;
  tips: Tip[];
  scamTypes: ScamType[];
  competences: Competence[];
}
