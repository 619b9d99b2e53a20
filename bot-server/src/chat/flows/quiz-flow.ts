import type { Question } from "../../../../content/src/index.js";
import type { Attempt, AttemptItem } from "../../learning/index.js";
import type { Button } from "../../zalo/messages.js";
import type { ChatContext } from "../context.js";
import { fold } from "../text.js";

export const LETTERS = ["A", "B", "C", "D"] as const;
const MAX_BUTTON_TITLE = 100;

/** The first question of the attempt not answered yet. */
export function currentItem(attempt: Attempt): AttemptItem | undefined {
  return attempt.items.find((i) => i.chosen === null);
}

/** The person's chat quiz (lesson quiz or final test) that still has a question to answer, newest first. */
export function openChatQuiz(ctx: ChatContext): Attempt | undefined {
  const { attempts } = ctx.services.learning;
  return [attempts.open(ctx.learner.id, "lesson"), attempts.open(ctx.learner.id, "final")]
    .filter((a): a is Attempt => a !== undefined && a.channel === "chat" && currentItem(a) !== undefined)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
}

/** Sends the attempt's current question with its four answer buttons; `before` goes on top (feedback). */
export function askCurrent(ctx: ChatContext, attempt: Attempt, before?: string): boolean {
  const item = currentItem(attempt);
  const question = item && ctx.services.learning.attempts.question(item.questionId);
  if (!item || !question || !item.token) return false;
  const lines = [
    `Câu ${item.position}/${attempt.total}: ${question.question}`,
    "",
    ...question.options.map((o, i) => `${LETTERS[i]}. ${o}`),
    "",
    "Bấm nút hoặc gõ A, B, C, D.",
  ];
  const buttons: Button[] = question.options.map((o, i) => ({
    type: "query",
    title: shortTitle(`${LETTERS[i]}. ${o}`),
    payload: `#a:${item.token}:${LETTERS[i]}`,
  }));
  ctx.buttons([before, lines.join("\n")].filter(Boolean).join("\n\n"), buttons);
  return true;
}

/** Feedback for one answer: right or not, the right option, and why. */
export function feedback(question: Question, correct: boolean): string {
  const option = question.options[question.answer];
  const right = `${LETTERS[question.answer]}. ${option}${/[.!?…]$/.test(option) ? "" : "."}`;
  return correct ? `✅ Đúng rồi! ${question.explanation}` : `❌ Chưa đúng. Đáp án đúng là ${right}\n${question.explanation}`;
}

/** A typed answer: "A", "b", "3", "đáp án C", "chọn d". */
export function typedChoice(text: string): number | undefined {
  const m = /^(?:dap an |chon |cau )?([abcd1-4])$/.exec(fold(text));
  if (!m) return undefined;
  const c = m[1]!;
  return /\d/.test(c) ? Number(c) - 1 : LETTERS.indexOf(c.toUpperCase() as (typeof LETTERS)[number]);
}

/** The index of a button's letter, or undefined for anything forged. */
export function letterIndex(letter: string | undefined): number | undefined {
  const i = LETTERS.indexOf((letter ?? "") as (typeof LETTERS)[number]);
  return i >= 0 ? i : undefined;
}

function shortTitle(title: string): string {
  return title.length <= MAX_BUTTON_TITLE ? title : `${title.slice(0, MAX_BUTTON_TITLE - 1)}…`;
}
