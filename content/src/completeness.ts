// Checks across the whole tree: answer-letter balance and, for the real content, the minimum counts.
import type { ProblemLog } from "./problems.js";
import { ANSWER_LETTERS, LESSON_COUNT, LIMITS, NATIONAL_TITLES } from "./rules.js";
import type { AnswerIndex, Question, ScamType, Tip } from "./schema.js";
import { SCAM_TYPES_FILE, TIPS_FILE } from "./tips.js";

/** If most answers are "B", guessing "B" passes the test; keep every letter at or below the cap. */
export function checkAnswerSpread(answers: readonly AnswerIndex[], log: ProblemLog): void {
  if (answers.length === 0) return;
  const counts = [0, 0, 0, 0];
  for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
  counts.forEach((count, index) => {
    const share = count / answers.length;
    if (share > LIMITS.maxAnswerLetterShare) {
      log.add(
        "questions",
        "answer",
        `${ANSWER_LETTERS[index]} is the correct answer of ${Math.round(share * 100)} % of all questions ` +
          `(${count} of ${answers.length}); no letter may be above ${LIMITS.maxAnswerLetterShare * 100} %`,
      );
    }
  });
}

export function checkCompleteness(
  lessonIds: ReadonlySet<number>,
  questions: readonly Question[],
  tips: readonly Tip[],
  scamTypes: readonly ScamType[],
  log: ProblemLog,
): void {
  for (let id = 1; id <= LESSON_COUNT; id++) {
    if (lessonIds.has(id)) continue;
    const nn = String(id).padStart(2, "0");
    log.add("lessons", `lesson ${id}`, `is missing: expected lessons/${nn}-<slug>.md titled "${NATIONAL_TITLES[id - 1]}"`);
  }
  if (questions.length < LIMITS.minTotalQuestions) {
    log.add("questions", "count", `has ${questions.length} valid questions in all; at least ${LIMITS.minTotalQuestions} are needed`);
  }
  if (tips.length < LIMITS.minTips) {
    log.add(TIPS_FILE, "count", `has ${tips.length} valid tips; at least ${LIMITS.minTips} are needed`);
  }
  const handbook = scamTypes.filter((s) => s.source === "handbook-2023").length;
  if (handbook !== LIMITS.handbookScamTypes) {
    log.add(SCAM_TYPES_FILE, "count", `has ${handbook} types with source handbook-2023; the 2023 handbook lists ${LIMITS.handbookScamTypes}`);
  }
}
