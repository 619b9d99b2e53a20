// Loads the whole content tree, checks everything, and hands back typed content or every problem found.
import { fileURLToPath } from "node:url";
import { bankStats, checkLengthGiveaway, checkShortestGiveaway, type QuestionBank } from "./answer-length.js";
import { checkAnswerSpread, checkCompleteness } from "./completeness.js";
import { listFiles } from "./files.js";
import { loadLesson } from "./lesson.js";
import { type LessonFileName, parseLessonFileName } from "./lesson-file-name.js";
import { loadListFile } from "./list-file.js";
import { ContentError, type Problem, ProblemLog } from "./problems.js";
import { loadQuestionFile } from "./questions.js";
import { LESSON_COUNT } from "./rules.js";
import { type AnswerIndex, competenceSchema, type Content, type Lesson, type Question } from "./schema.js";
import { loadScamTypes, loadTips, TIPS_FILE } from "./tips.js";

/** The repository's content/ directory, found from this module's own location (not the working directory). */
export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL("..", import.meta.url));

export interface LoadOptions {
  /**
   * Require the full product: lessons 1–12, the minimum numbers of questions and tips, all 24 handbook
   * scam types. Default true; tests turn it off to load small fixture trees.
   */
  requireComplete?: boolean;
}

export interface CheckResult {
  /** Present only when there are no problems. */
  content: Content | undefined;
  problems: Problem[];
  /** Every question bank that loaded (lessons' files, then the tips' checks), even when there are problems. */
  banks: QuestionBank[];
}

/** Checks everything and never throws for bad content; for the CLI and tests. */
export function checkContent(dir: string = DEFAULT_CONTENT_DIR, options: LoadOptions = {}): CheckResult {
  const log = new ProblemLog();
  const competences = loadListFile(dir, competenceSchema, "competences", log.forFile("competences.yaml")).map((e) => e.item);
  const requireComplete = options.requireComplete ?? true;
  const lessonNames = findLessonFiles(dir, log);
  const lessonIds = new Set(lessonNames.map((n) => n.id));
  // Which lessons a link or a tip may name. When the content must be complete, a missing lesson is
  // reported once on its own, so links to it are not reported again.
  const linkableIds = requireComplete ? new Set(Array.from({ length: LESSON_COUNT }, (_, i) => i + 1)) : lessonIds;
  const scamTypes = loadScamTypes(dir, log);
  const tips = loadTips(dir, { scamIds: new Set(scamTypes.map((s) => s.id)), lessonIds: linkableIds }, log);

  const lessons: Lesson[] = [];
  const questionsByLesson = new Map<number, Question[]>();
  const answers: AnswerIndex[] = [];
  const banks: QuestionBank[] = [];
  const context = { lessonIds: linkableIds, competenceIds: new Set(competences.map((c) => c.id)) };
  for (const name of lessonNames) {
    const lesson = loadLesson(dir, name, context, log);
    if (lesson) lessons.push(lesson);
    const file = `questions/${name.baseName}.yaml`;
    const bank = loadQuestionFile(dir, name.id, log.forFile(file));
    questionsByLesson.set(name.id, bank.questions);
    answers.push(...bank.answers);
    banks.push({ file, questions: bank.questions });
  }
  banks.push({ file: TIPS_FILE, questions: tips.flatMap((tip) => (tip.check ? [{ id: tip.id, ...tip.check }] : [])) });
  for (const bank of banks) {
    const stats = bankStats(bank.questions);
    checkLengthGiveaway(bank, log.forFile(bank.file), stats);
    checkShortestGiveaway(bank, log.forFile(bank.file), stats);
  }
  reportOrphans(dir, lessonNames, log);
  const questions = [...questionsByLesson.values()].flat();
  checkAnswerSpread(answers, log);
  if (requireComplete) checkCompleteness(lessonIds, questions, tips, scamTypes, log);

  if (log.count > 0) return { content: undefined, problems: log.problems, banks };
  return { content: { lessons, questions, questionsByLesson, tips, scamTypes, competences }, problems: [], banks };
}

/** Loads and validates the content; throws ContentError listing every problem. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR, options: LoadOptions = {}): Content {
  const { content, problems } = checkContent(dir, options);
  if (!content) throw new ContentError(problems);
  return content;
}

/** Lesson files by name, sorted by id; bad names, out-of-range and repeated ids are reported and skipped. */
function findLessonFiles(dir: string, log: ProblemLog): LessonFileName[] {
  const names: LessonFileName[] = [];
  const files = listFiles(dir, "lessons");
  if (files.length === 0) log.add("lessons", "files", "no lesson files found");
  for (const fileName of files) {
    const out = log.forFile(`lessons/${fileName}`);
    const name = parseLessonFileName(fileName);
    if (!name) out.add("file name", "must be NN-slug.md: a two-digit lesson number, a hyphen, the ascii kebab-case slug");
    else if (name.id < 1 || name.id > LESSON_COUNT) out.add("file name", `lesson number must be 01 to ${LESSON_COUNT}`);
    else if (names.some((n) => n.id === name.id)) out.add("file name", `a second file for lesson ${name.id}; each lesson has one file`);
    else names.push(name);
  }
  return names.sort((a, b) => a.id - b.id);
}

/** Question banks and illustrations must share their lesson's base name, or nobody will ever load them. */
function reportOrphans(dir: string, lessons: readonly LessonFileName[], log: ProblemLog): void {
  const baseNames = new Set(lessons.map((l) => l.baseName));
  const folders = [
    { folder: "questions", extension: ".yaml" },
    { folder: "illustrations", extension: ".svg" },
  ];
  for (const { folder, extension } of folders) {
    for (const fileName of listFiles(dir, folder)) {
      const base = fileName.endsWith(extension) ? fileName.slice(0, -extension.length) : undefined;
      if (base !== undefined && baseNames.has(base)) continue;
      log.add(`${folder}/${fileName}`, "file name", `matches no lesson; name it like its lesson file (lessons/NN-slug.md → ${folder}/NN-slug${extension})`);
    }
  }
}
