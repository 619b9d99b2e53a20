import type { Attempt, AttemptItem } from "../../learning/index.js";
import type { ChatContext } from "../context.js";
import { choiceButtons, choiceLines, LETTERS } from "../choice-message.js";
import { fold } from "../../text.js";

/** The first question of the attempt not answered yet. */
export function currentItem(attempt: Attempt): AttemptItem | undefined {
  return attempt.items.find((i) => i.chosen === null);
}

/** The person's chat quiz (lesson quiz or final test) that still has a question to answer, newest first. */
export async function openChatQuiz(ctx: ChatContext): Promise<Attempt | undefined> {
  const { attempts } = ctx.services.learning;
  return [await attempts.open(ctx.learner.id, "lesson"), await attempts.open(ctx.learner.id, "final")]
    .filter((a): a is Attempt => a !== undefined && a.channel === "chat" && currentItem(a) !== undefined)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
}

/** Sends the attempt's current question with its four answer buttons; `before` goes on top (feedback). */
export async function askCurrent(ctx: ChatContext, attempt: Attempt, before?: string): Promise<boolean> {
  const item = currentItem(attempt);
  const question = item && ctx.services.learning.attempts.question(item.questionId);
  if (!item || !question || !item.token) return false;
  const lines = [
    `Câu ${item.position}/${attempt.total}: ${question.question}`,
    "",
    ...choiceLines(question.options),
    "",
    "Bấm nút hoặc gõ A, B, C, D.",
  ];
  await ctx.buttons([before, lines.join("\n")].filter(Boolean).join("\n\n"), choiceButtons(question.options, `#a:${item.token}`));
  return true;
}

/** Carries on with an open quiz: says which one, then its current question; `before` goes on top. */
export async function resumeQuiz(ctx: ChatContext, attempt: Attempt, before?: string): Promise<boolean> {
  const which =
    attempt.kind === "final" ? "Bạn đang làm dở bài thi cuối khóa." : `Bạn đang làm dở bài kiểm tra của Bài ${attempt.lessonId}.`;
  return askCurrent(ctx, attempt, [before, `${which} Mình làm tiếp nhé:`].filter(Boolean).join("\n"));
}

/** A typed answer: "A", "b", "3", "đáp án C", "chọn d". */
export function typedChoice(text: string): number | undefined {
  const m = /^(?:dap an |chon |cau )?([abcd1-4])$/.exec(fold(text));
  if (!m) return undefined;
  const c = m[1]!;
  return /\d/.test(c) ? Number(c) - 1 : LETTERS.indexOf(c.toUpperCase() as (typeof LETTERS)[number]);
}
