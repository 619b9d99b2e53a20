import type { ChoiceQuestion } from "../../../content/src/index.js";
import type { Button } from "../zalo/messages.js";

export const LETTERS = ["A", "B", "C", "D"] as const;
const BUTTON_OPTION_CHARS = 40;

/** The question and its four options, lettered, as chat text. */
export function choiceText(q: Pick<ChoiceQuestion, "question" | "options">): string {
  return [q.question, ...q.options.map((o, i) => `${LETTERS[i]}. ${o}`)].join("\n");
}

/** Four answer buttons ("A. …" shortened); each tap sends back `payload(i)` hidden. */
export function choiceButtons(options: readonly string[], payload: (index: number) => string): Button[] {
  return options.slice(0, 4).map((o, i) => ({
    type: "query" as const,
    title: `${LETTERS[i]}. ${o.length > BUTTON_OPTION_CHARS ? `${o.slice(0, BUTTON_OPTION_CHARS - 1).trimEnd()}…` : o}`,
    payload: payload(i),
  }));
}

/** Right or wrong, then why: the explanation is the lesson. */
export function choiceFeedback(q: Pick<ChoiceQuestion, "options" | "answer" | "explanation">, chosen: number): string {
  const verdict = chosen === q.answer ? "Đúng rồi! 👏" : `Chưa đúng. Đáp án đúng là ${LETTERS[q.answer]}. ${q.options[q.answer]}`;
  return `${verdict}\n${q.explanation}`;
}

/** Reads "#name:token:2" style payload parts; an answer index must be 0–3. */
export function answerIndex(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^[0-3]$/.test(raw)) return undefined;
  return Number(raw);
}
