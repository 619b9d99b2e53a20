import type { Button } from "../../zalo/messages.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { isThanks } from "../flows/acknowledgement.js";
import { lessonSearch } from "../flows/lesson-search.js";
import { askCurrent, openChatQuiz, resumeQuiz } from "../flows/quiz-flow.js";
import { certificateNameInput } from "./final-test.js";
import { onboardingInput } from "./onboarding.js";
import { typedAnswer } from "./quiz.js";
import { wasJustGreeted } from "./welcome.js";

/** Short answers end with the two ways on: the next step, or the list of what the bot understands. */
const WAYS_ON: Button[] = [
  { type: "query", title: "Học tiếp", payload: "#start" },
  { type: "query", title: "Trợ giúp", payload: "#help" },
];

const NOT_UNDERSTOOD = "Xin lỗi, tôi chưa hiểu ý bạn. 🙏\nBạn bấm “Học tiếp” để học, hoặc “Trợ giúp” để xem tôi làm được gì.";
const THANKED = "Dạ, cảm ơn bạn! 😊 Khi nào muốn học tiếp, bạn bấm nút bên dưới nhé.";

/**
 * Text no command took: an answer a step is waiting for (a quiz letter, a place, a time, a name), a
 * thank-you, a question the lessons can answer, else a short "not understood" with two buttons.
 */
export async function answerFreeText(ctx: ChatContext): Promise<void> {
  if ((await typedAnswer(ctx)) || (await onboardingInput(ctx)) || (await certificateNameInput(ctx))) return;
  if (isThanks(ctx.text)) {
    await thank(ctx);
    return;
  }
  const found = ctx.text.trim() ? lessonSearch(ctx.services.content).best(ctx.text) : undefined;
  if (found) {
    const lesson = ctx.services.content.lessons.find((l) => l.id === found.lessonId)!;
    // A section's name tells where the passage sits; a chat message's first line is already in it.
    const under = found.fromChat || found.heading === lesson.title ? "" : `, phần “${found.heading}”`;
    await ctx.buttons(`Trong Bài ${lesson.id}: ${lesson.title}${under}, có nói:\n\n${found.text}`, [
      { type: "query", title: `Đọc Bài ${lesson.id}`, payload: `#lesson:${lesson.id}` },
      { type: "query", title: "Trợ giúp", payload: "#help" },
    ]);
    return;
  }
  if (wasJustGreeted(ctx)) return;
  const quiz = await openChatQuiz(ctx);
  if (quiz) {
    const which = quiz.kind === "final" ? "bài thi cuối khóa" : "bài kiểm tra";
    await askCurrent(ctx, quiz, `Tôi chưa hiểu ý bạn. Bạn đang làm ${which}: bấm một nút hoặc gõ A, B, C, D nhé.`);
    return;
  }
  await ctx.buttons(NOT_UNDERSTOOD, WAYS_ON);
}

/** "ok", "cảm ơn", 👍 or a sticker (Zalo's "like" is one): a short thank-you; an open quiz carries on. */
async function thank(ctx: ChatContext): Promise<void> {
  if (wasJustGreeted(ctx)) return;
  const quiz = await openChatQuiz(ctx);
  if (quiz) {
    await resumeQuiz(ctx, quiz, "Dạ 😊");
    return;
  }
  await ctx.buttons(THANKED, WAYS_ON);
}

export function registerFallback(bot: Bot): void {
  bot.fallback(async (ctx) => {
    if (ctx.event.name !== "user_send_text" || ctx.text.startsWith("#")) {
      // Someone new just got the welcome: that is answer enough to a sticker or an unknown button.
      if (wasJustGreeted(ctx)) return;
    }
    // A sticker is a reaction, not a question; Zalo's thumbs-up "like" arrives as one.
    if (ctx.event.name === "user_send_sticker") {
      await thank(ctx);
      return;
    }
    if (ctx.event.name !== "user_send_text") {
      await ctx.buttons("Tôi đã nhận được tin của bạn, nhưng tôi chỉ đọc được chữ thôi. 🙏 Bạn gõ câu hỏi bằng chữ nhé.", WAYS_ON);
      return;
    }
    if (ctx.text.startsWith("#")) {
      // A button from an old message that no longer means anything.
      await ctx.buttons("Nút này đã cũ rồi. Bạn bấm một nút bên dưới nhé.", WAYS_ON);
      return;
    }
    await answerFreeText(ctx);
  });
}
