import { LESSON_QUIZ } from "../../learning/index.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { lessonNumberAfter } from "../flows/lesson-number.js";
import { fullLessonButton } from "../flows/links.js";
import { openChatQuiz, resumeQuiz } from "../flows/quiz-flow.js";
import type { Button } from "../../zalo/messages.js";
import { startLessonQuiz } from "./quiz.js";

/** Sends the lesson's chat version, then the quiz and full-lesson buttons; marks the lesson opened. */
export async function sendLesson(ctx: ChatContext, lessonId: number): Promise<void> {
  const lesson = ctx.services.content.lessons.find((l) => l.id === lessonId);
  if (!lesson) {
    await lessonOutOfRange(ctx, String(lessonId));
    return;
  }
  await ctx.services.learning.progress.open(ctx.learner.id, lessonId);
  const messages = lesson.chat;
  for (const m of messages.slice(0, -1)) await ctx.reply(m);
  const buttons: Button[] = [{ type: "query", title: "Làm bài kiểm tra", payload: `#quiz:${lessonId}` }];
  const full = fullLessonButton(ctx.services.config, lessonId);
  if (full) buttons.push(full);
  await ctx.buttons(messages[messages.length - 1]!, buttons);
}

async function lessonOutOfRange(ctx: ChatContext, what: string): Promise<void> {
  const n = ctx.services.content.lessons.length;
  await ctx.reply(`Khóa học có ${n} bài, từ Bài 1 đến Bài ${n}, nên tôi không tìm thấy bài “${what.slice(0, 20)}”. Bạn gõ ví dụ: bài 3.`);
}

async function lessonList(ctx: ChatContext): Promise<string> {
  const done = new Set(await ctx.services.learning.progress.passedLessons(ctx.learner.id));
  const lines = ctx.services.content.lessons.map((l) => `${done.has(l.id) ? "✅" : "•"} Bài ${l.id}: ${l.title}`);
  return ["Khóa học có 12 bài:", ...lines, "", "Muốn học bài nào, bạn gõ ví dụ: bài 3."].join("\n");
}

/** "học": whatever comes next, from the same progress record the Mini App writes. */
export async function continueLearning(ctx: ChatContext): Promise<void> {
  const quiz = await openChatQuiz(ctx);
  if (quiz) {
    await resumeQuiz(ctx, quiz);
    return;
  }
  const { learning } = ctx.services;
  const lessons = await learning.progress.lessons(ctx.learner.id);
  const next = await learning.progress.next(ctx.learner.id, lessons);
  if (next.kind === "final") {
    const cert = await learning.certificates.forLearner(ctx.learner.id);
    if (cert) {
      await ctx.buttons("Bạn đã học xong cả 12 bài và đã có giấy chứng nhận rồi. 🎓 Bạn có thể đọc lại bất kỳ bài nào, ví dụ gõ: bài 3.", [
        { type: "query", title: "Xem tiến độ", payload: "#progress" },
      ]);
      return;
    }
    const { passMark, questions } = learning.finalTest.options;
    await ctx.buttons(`Tuyệt vời! Bạn đã qua cả 12 bài. 🎉 Giờ là bài thi cuối khóa: ${questions} câu, đúng ${passMark} câu là đạt và nhận giấy chứng nhận.`, [
      { type: "query", title: "Làm bài thi cuối khóa", payload: "#final" },
      { type: "query", title: "Xem tiến độ", payload: "#progress" },
    ]);
    return;
  }
  const lessonId = next.lessonId!;
  const status = lessons.find((l) => l.id === lessonId)?.status;
  if (next.kind === "quiz") {
    await startLessonQuiz(ctx, lessonId);
    return;
  }
  if (status === "in_progress") {
    await ctx.buttons(`Bạn đang học Bài ${lessonId}. Đọc xong rồi thì làm bài kiểm tra nhé, ${LESSON_QUIZ.questions} câu thôi.`, [
      { type: "query", title: "Làm bài kiểm tra", payload: `#quiz:${lessonId}` },
      { type: "query", title: `Đọc lại Bài ${lessonId}`, payload: `#lesson:${lessonId}` },
    ]);
    return;
  }
  await sendLesson(ctx, lessonId);
}

async function lessonByNumber(ctx: ChatContext, n: number | undefined, raw: string): Promise<void> {
  if (n === undefined) {
    await ctx.reply(await lessonList(ctx));
    return;
  }
  if (!Number.isInteger(n) || n < 1 || n > ctx.services.content.lessons.length) {
    await lessonOutOfRange(ctx, raw);
    return;
  }
  await sendLesson(ctx, n);
}

export function registerLessons(bot: Bot): void {
  bot.command(
    ["học", "bắt đầu"],
    async (ctx) => {
      // "học bài 3" opens lesson 3; "học", "học tiếp", "bắt đầu" continue.
      const n = lessonNumberAfter(ctx.text, ["hoc", "bat dau"]);
      if (n !== undefined && !Number.isNaN(n)) {
        await lessonByNumber(ctx, n, String(n));
        return;
      }
      await continueLearning(ctx);
    },
    { example: "học", help: "học tiếp bài của bạn" },
  );
  bot.payload("start", continueLearning);
  bot.command(
    ["bài"],
    async (ctx) => {
      const n = lessonNumberAfter(ctx.text, ["bai"]);
      await lessonByNumber(ctx, n, ctx.text.replace(/^\s*\S+\s*/, ""));
    },
    { example: "bài 3", help: "mở Bài 3 (có 12 bài)" },
  );
  bot.payload("lesson", async (ctx) => {
    const n = Number(ctx.text.slice("#lesson:".length));
    await lessonByNumber(ctx, Number.isInteger(n) ? n : NaN, ctx.text.slice("#lesson:".length));
  });
}
