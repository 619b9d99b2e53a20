import { LESSON_QUIZ, type Attempt } from "../../learning/index.js";
import { drawLessonQuiz } from "../../learning/draw.js";
import type { Button } from "../../zalo/messages.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { lessonNumberAfter } from "../flows/lesson-number.js";
import { choiceFeedback, LETTERS, letterIndex } from "../choice-message.js";
import { askCurrent, currentItem, openChatQuiz, resumeQuiz, typedChoice } from "../flows/quiz-flow.js";
import { finalAnswered } from "./final-test.js";

/** Starts the lesson's quiz in chat, or carries on with the one already open for that lesson. */
export async function startLessonQuiz(ctx: ChatContext, lessonId: number): Promise<void> {
  const { learning, content } = ctx.services;
  const lesson = content.lessons.find((l) => l.id === lessonId);
  if (!lesson) {
    await ctx.reply(`Khóa học chỉ có Bài 1 đến Bài ${content.lessons.length}. Bạn gõ ví dụ: kiểm tra bài 3.`);
    return;
  }
  const open = await learning.attempts.open(ctx.learner.id, "lesson");
  if (open && open.channel === "chat" && open.lessonId === lessonId && currentItem(open)) {
    await askCurrent(ctx, open, `Mình làm tiếp bài kiểm tra Bài ${lessonId} nhé:`);
    return;
  }
  const questions = drawLessonQuiz(content, lessonId, LESSON_QUIZ.questions);
  const attempt = await learning.attempts.start(ctx.learner.id, "lesson", lessonId, questions, "chat");
  await askCurrent(
    ctx,
    attempt,
    `📝 Bài kiểm tra Bài ${lessonId}: ${lesson.title}\n${attempt.total} câu, đúng ${LESSON_QUIZ.passMark} câu là qua. Bạn cứ bình tĩnh nhé.`,
  );
}

/** "kiểm tra" with nothing after it: the quiz of the lesson the person is on. */
async function quizOfCurrentLesson(ctx: ChatContext): Promise<void> {
  const open = await openChatQuiz(ctx);
  if (open) {
    await resumeQuiz(ctx, open);
    return;
  }
  const next = await ctx.services.learning.progress.next(ctx.learner.id);
  if (next.kind === "final") {
    await ctx.buttons("Bạn đã qua bài kiểm tra của cả 12 bài rồi! 🎉 Bạn có muốn làm bài thi cuối khóa không?", [
      { type: "query", title: "Làm bài thi cuối khóa", payload: "#final" },
    ]);
    return;
  }
  await startLessonQuiz(ctx, next.lessonId!);
}

/** Records one answer and moves on: feedback, then the next question or the result. */
async function answer(ctx: ChatContext, attempt: Attempt, position: number, chosen: number): Promise<void> {
  const { attempts } = ctx.services.learning;
  const result = await attempts.answer(attempt.id, position, chosen);
  if (!result) return;
  if (result.status !== "recorded") {
    const open = await openChatQuiz(ctx);
    const note = result.status === "finished" ? "Bài này đã làm xong rồi, nên câu trả lời này không tính nữa." : "Bạn đã trả lời câu này rồi.";
    if (open) await askCurrent(ctx, open, `${note} Mình làm tiếp câu đang dở nhé:`);
    else await ctx.reply(`${note} Muốn làm lại, bạn nhắn: kiểm tra.`);
    return;
  }
  // The final test is an exam: the right answers are not shown until it is over (as in the Mini App).
  const said = result.attempt.kind === "final" ? `Đã ghi nhận: ${LETTERS[chosen]}.` : choiceFeedback(result.question, chosen);
  if (await askCurrent(ctx, result.attempt, said)) return;
  if (result.attempt.kind === "final") {
    await finalAnswered(ctx, result.attempt, said);
    return;
  }
  await lessonQuizDone(ctx, result.attempt, said);
}

async function lessonQuizDone(ctx: ChatContext, attempt: Attempt, said: string): Promise<void> {
  const { learning } = ctx.services;
  const lessonId = attempt.lessonId!;
  const finished = await learning.attempts.finish(attempt.id, LESSON_QUIZ.passMark);
  // Missed questions come back for review only with consent: the schedule exists to remind.
  const items = ctx.learner.consent === "granted" ? finished.items.map((i) => ({ questionId: i.questionId, correct: i.correct })) : [];
  const score = finished.score ?? 0;
  const passed = await learning.recordLessonQuiz(ctx.learner.id, lessonId, score, items);
  const result = `Bạn trả lời đúng ${score}/${finished.total} câu.`;
  if (!passed) {
    await ctx.buttons(`${said}\n\n${result} Cần đúng ${LESSON_QUIZ.passMark} câu để qua. Bạn đọc lại bài rồi làm lại nhé, lần sau sẽ tốt hơn! 💪`, [
      { type: "query", title: "Làm lại bài kiểm tra", payload: `#quiz:${lessonId}` },
      { type: "query", title: `Đọc lại Bài ${lessonId}`, payload: `#lesson:${lessonId}` },
    ]);
    return;
  }
  const next = await learning.progress.next(ctx.learner.id);
  const buttons: Button[] =
    next.kind === "final"
      ? [{ type: "query", title: "Làm bài thi cuối khóa", payload: "#final" }]
      : next.kind === "quiz"
        ? [{ type: "query", title: `Kiểm tra Bài ${next.lessonId}`, payload: `#quiz:${next.lessonId}` }]
        : [{ type: "query", title: `Học Bài ${next.lessonId}`, payload: `#lesson:${next.lessonId}` }];
  buttons.push({ type: "query", title: "Xem tiến độ", payload: "#progress" });
  const then = next.kind === "final" ? "Bạn đã qua cả 12 bài, giờ có thể làm bài thi cuối khóa để nhận giấy chứng nhận." : "Mình học tiếp nhé?";
  await ctx.buttons(`${said}\n\n${result} 🎉 Bạn đã qua Bài ${lessonId}! ${then}`, buttons);
}

/** A tapped answer button: "#a:<token>:<letter>". Forged, stale or repeated taps change nothing. */
async function tapped(ctx: ChatContext): Promise<void> {
  const [, token = "", letter] = ctx.text.split(":");
  const chosen = letterIndex(letter);
  const found = chosen === undefined ? undefined : await ctx.services.learning.attempts.byToken(token);
  if (!found || found.attempt.learnerId !== ctx.learner.id) {
    await ctx.reply("Nút này không còn dùng được nữa. Muốn làm bài kiểm tra, bạn nhắn: kiểm tra.");
    return;
  }
  const open = await ctx.services.learning.attempts.open(ctx.learner.id, found.attempt.kind);
  if (!found.attempt.finishedAt && open?.id !== found.attempt.id) {
    await ctx.reply("Câu hỏi này thuộc một lần làm bài cũ, nên không tính nữa. Muốn làm tiếp, bạn nhắn: kiểm tra.");
    return;
  }
  await answer(ctx, found.attempt, found.item.position, chosen!);
}

/** A typed "A", "b", "3" answers the open question; false when there is none or it is not a choice. */
export async function typedAnswer(ctx: ChatContext): Promise<boolean> {
  const chosen = typedChoice(ctx.text);
  if (chosen === undefined) return false;
  const open = await openChatQuiz(ctx);
  const item = open && currentItem(open);
  if (!open || !item) return false;
  await answer(ctx, open, item.position, chosen);
  return true;
}

export function registerQuiz(bot: Bot, otherwise: (ctx: ChatContext) => Promise<void>): void {
  bot.command(
    ["kiểm tra", "làm bài kiểm tra"],
    async (ctx) => {
      const n = lessonNumberAfter(ctx.text, ["kiem tra", "lam bai kiem tra"]);
      if (n === undefined) {
        await quizOfCurrentLesson(ctx);
        return;
      }
      // Anything else after "kiểm tra" (a link, a phone number) is not a lesson quiz.
      if (Number.isNaN(n)) {
        await otherwise(ctx);
        return;
      }
      await startLessonQuiz(ctx, n);
    },
    { example: "kiểm tra", help: "làm bài kiểm tra của bài đang học" },
  );
  bot.payload("quiz", async (ctx) => {
    const n = Number(ctx.text.slice("#quiz:".length));
    if (Number.isInteger(n)) await startLessonQuiz(ctx, n);
    else await ctx.reply("Nút này đã cũ rồi. Muốn làm bài kiểm tra, bạn nhắn: kiểm tra.");
  });
  bot.payload("a", tapped);
}
