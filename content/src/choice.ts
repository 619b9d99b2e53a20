// Checks shared by bank questions and tip checks: options that differ and that each stand on their own.
import type { FileProblems } from "./problems.js";
import { ANSWER_LETTERS, BANNED_OPTION_PATTERNS } from "./rules.js";
import type { ChoiceQuestion } from "./schema.js";

const fold = (s: string) => s.toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();

export function checkChoiceQuestion(question: ChoiceQuestion, prefix: string, out: FileProblems): void {
  const seen = new Map<string, number>();
  question.options.forEach((option, i) => {
    const field = `${prefix}.options[${i}]`;
    const folded = fold(option);
    const earlier = seen.get(folded);
    if (earlier !== undefined) out.add(field, `is the same as option ${ANSWER_LETTERS[earlier]}; the 4 options must differ`);
    else seen.set(folded, i);
    if (BANNED_OPTION_PATTERNS.some((pattern) => pattern.test(folded))) {
      out.add(field, `"${option}" is not allowed: every option must stand on its own (no "tất cả các ý trên", "tất cả đều đúng", "cả A và B")`);
    }
  });
}
