import type { ChoiceQuestion } from "../../../content/src/index.js";
import type { Button } from "../zalo/messages.js";

// One look for every multiple-choice question in chat (lesson quizzes, the final test, review questions in
// reminders, tip checks): lettered options, "A. …" buttons whose payload ends in the letter, ✅/❌
// feedback with the explanation.
export const LETTERS = ["A", "B", "C", "D"] as const;
const MAX_BUTTON_TITLE = 100;

/** The question and its four options, lettered, as chat text. */
export function choiceText(q: Pick<ChoiceQuestion, "question" | "options">): string {
  return [q.question, "", ...choiceLines(q.options)].join("\n");
}

/** "A. …" to "D. …", one option a line. */
export function choiceLines(options: readonly string[]): string[] {
  return options.map((o, i) => `${LETTERS[i]}. ${o}`);
}

/** Four answer buttons; each tap sends back `${prefix}:<letter>` hidden. */
export function choiceButtons(options: readonly string[], prefix: string): Button[] {
  return options.slice(0, 4).map((o, i) => {
    const title = `${LETTERS[i]}. ${o}`;
    return {
      type: "query" as const,
      title: title.length <= MAX_BUTTON_TITLE ? title : `${title.slice(0, MAX_BUTTON_TITLE - 1)}…`,
      payload: `${prefix}:${LETTERS[i]}`,
    };
  });
}

/** Right or wrong, then why: the explanation is the lesson. */
export function choiceFeedback(q: Pick<ChoiceQuestion, "options" | "answer" | "explanation">, chosen: number): string {
  if (chosen === q.answer) return `✅ Đúng rồi! ${q.explanation}`;
  const option = q.options[q.answer];
  return `❌ Chưa đúng. Đáp án đúng là ${LETTERS[q.answer]}. ${option}${/[.!?…]$/.test(option) ? "" : "."}\n${q.explanation}`;
}

/** The index of a payload's answer letter; undefined for anything forged. */
export function letterIndex(letter: string | undefined): number | undefined {
  const i = LETTERS.indexOf((letter ?? "") as (typeof LETTERS)[number]);
  return i >= 0 ? i : undefined;
}
