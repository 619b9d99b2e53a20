import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { lessonSearch } from "../flows/lesson-search.js";
import { askCurrent, openChatQuiz } from "../flows/quiz-flow.js";
import { certificateNameInput } from "./final-test.js";
import { sendMenu } from "./menu.js";
import { onboardingInput } from "./onboarding.js";
import { typedAnswer } from "./quiz.js";
import { wasJustGreeted } from "./welcome.js";

/**
 * Text no command took: an answer a step is waiting for (a quiz letter, a place, a time, a name), else
 * a question the lessons can answer, else the menu.
 */
export function answerFreeText(bot: Bot, ctx: ChatContext): void {
  if (typedAnswer(ctx) || onboardingInput(ctx) || certificateNameInput(ctx)) return;
  const found = ctx.text.trim() ? lessonSearch(ctx.services.content).best(ctx.text) : undefined;
  if (found) {
    const lesson = ctx.services.content.lessons.find((l) => l.id === found.lessonId)!;
    // A section's name tells where the passage sits; a chat message's first line is already in it.
    const under = found.fromChat || found.heading === lesson.title ? "" : `, phần “${found.heading}”`;
    ctx.buttons(`Trong Bài ${lesson.id}: ${lesson.title}${under}, có nói:\n\n${found.text}`, [
      { type: "query", title: `Đọc Bài ${lesson.id}`, payload: `#lesson:${lesson.id}` },
      { type: "query", title: "Xem hướng dẫn", payload: "#help" },
    ]);
    return;
  }
  if (wasJustGreeted(ctx)) return;
  const quiz = openChatQuiz(ctx);
  if (quiz) {
    askCurrent(ctx, quiz, "Tôi chưa hiểu ý bạn. Bạn đang làm bài kiểm tra: bấm một nút hoặc gõ A, B, C, D nhé.");
    return;
  }
  sendMenu(bot, ctx, "Xin lỗi, tôi chưa hiểu ý bạn. 🙏");
}

export function registerFallback(bot: Bot): void {
  bot.fallback((ctx) => {
    if (ctx.event.name !== "user_send_text" || ctx.text.startsWith("#")) {
      // Someone new just got the welcome: that is answer enough to a sticker or an unknown button.
      if (wasJustGreeted(ctx)) return;
    }
    if (ctx.event.name !== "user_send_text") {
      sendMenu(bot, ctx, "Tôi đã nhận được tin của bạn, nhưng hiện tôi chỉ đọc được chữ thôi. 🙏");
      return;
    }
    if (ctx.text.startsWith("#")) {
      // A button from an old message that no longer means anything.
      sendMenu(bot, ctx, "Nút này đã cũ rồi. Bạn chọn lại giúp tôi nhé.");
      return;
    }
    answerFreeText(bot, ctx);
  });
}
