// Public API of the content package: load once at start, then use the typed content.
export { checkContent, DEFAULT_CONTENT_DIR, loadContent, type CheckResult, type LoadOptions } from "./load.js";
export { renderTip } from "./tips.js";
export { markdownToPlainText, renderMarkdown } from "./markdown.js";
export { ContentError, formatProblem, type Problem } from "./problems.js";
export { LESSON_COUNT, LIMITS, NATIONAL_TITLES, SPECIAL_SECTIONS } from "./rules.js";
export type {
  AnswerIndex,
  ChoiceQuestion,
  Competence,
  Content,
  FourOptions,
  Lesson,
  LessonSection,
  Question,
  RenderedMarkdown,
  ScamType,
  Source,
  Tip,
} from "./schema.js";
