import { LESSON_QUIZ } from "../../learning/index.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { lessonNumberAfter } from "../flows/lesson-number.js";
import { fullLessonButton } from "../flows/links.js";
import { openChatQuiz, resumeQuiz } from "../flows/quiz-flow.js";
import type { Button } from "../../zalo/messages.js";
import { startLessonQuiz } from "./quiz.js";

/** Sends the lesson's chat version, then the quiz and full-lesson buttons; marks the lesson opened. */
export function sendLesson(ctx: ChatContext, lessonId: number): void {
  const lesson = ctx.services.content.lessons.find((l) => l.id === lessonId);
  if (!lesson) return lessonOutOfRange(ctx, String(lessonId));
  ctx.services.learning.progress.open(ctx.learner.id, lessonId);
  const messages = lesson.chat;
  messages.slice(0, -1).forEach((m) => ctx.reply(m));
  const buttons: Button[] = [{ type: "query", title: "Làm bài kiểm tra", payload: `#quiz:${lessonId}` }];
  const full = fullLessonButton(ctx.services.config, lessonId);
  if (full) buttons.push(full);
  ctx.buttons(messages[messages.length - 1]!, buttons);
}

function lessonOutOfRange(ctx: ChatContext, what: string): void {
  const n = ctx.services.content.lessons.length;
  ctx.reply(`Khóa học có ${n} bài, từ Bài 1 đến Bài ${n}, nên tôi không tìm thấy bài “${what.slice(0, 20)}”. Bạn gõ ví dụ: bài 3.`);
}

function lessonList(ctx: ChatContext): string {
  const done = new Set(ctx.services.learning.progress.passedLessons(ctx.learner.id));
  const lines = ctx.services.content.lessons.map((l) => `${done.has(l.id) ? "✅" : "•"} Bài ${l.id}: ${l.title}`);
  return ["Khóa học có 12 bài:", ...lines, "", "Muốn học bài nào, bạn gõ ví dụ: bài 3."].join("\n");
}

/** "học": whatever comes next, from the same progress record the Mini App writes. */
export function continueLearning(ctx: ChatContext): void {
  const quiz = openChatQuiz(ctx);
  if (quiz) {
    resumeQuiz(ctx, quiz);
    return;
  }
  const { learning } = ctx.services;
  const lessons = learning.progress.lessons(ctx.learner.id);
  const next = learning.progress.next(ctx.learner.id, lessons);
  if (next.kind === "final") {
    const cert = learning.certificates.forLearner(ctx.learner.id);
    if (cert) {
      ctx.buttons("Bạn đã học xong cả 12 bài và đã có giấy chứng nhận rồi. 🎓 Bạn có thể đọc lại bất kỳ bài nào, ví dụ gõ: bài 3.", [
        { type: "query", title: "Xem tiến độ", payload: "#progress" },
      ]);
      return;
    }
    const { passMark, questions } = learning.finalTest.options;
    ctx.buttons(`Tuyệt vời! Bạn đã qua cả 12 bài. 🎉 Giờ là bài thi cuối khóa: ${questions} câu, đúng ${passMark} câu là đạt và nhận giấy chứng nhận.`, [
      { type: "query", title: "Làm bài thi cuối khóa", payload: "#final" },
      { type: "query", title: "Xem tiến độ", payload: "#progress" },
    ]);
    return;
  }
  const lessonId = next.lessonId!;
  const status = lessons.find((l) => l.id === lessonId)?.status;
  if (next.kind === "quiz") return startLessonQuiz(ctx, lessonId);
  if (status === "in_progress") {
    ctx.buttons(`Bạn đang học Bài ${lessonId}. Đọc xong rồi thì làm bài kiểm tra nhé, ${LESSON_QUIZ.questions} câu thôi.`, [
      { type: "query", title: "Làm bài kiểm tra", payload: `#quiz:${lessonId}` },
      { type: "query", title: `Đọc lại Bài ${lessonId}`, payload: `#lesson:${lessonId}` },
    ]);
    return;
  }
  sendLesson(ctx, lessonId);
}

function lessonByNumber(ctx: ChatContext, n: number | undefined, raw: string): void {
  if (n === undefined) return ctx.reply(lessonList(ctx));
  if (!Number.isInteger(n) || n < 1 || n > ctx.services.content.lessons.length) return lessonOutOfRange(ctx, raw);
  sendLesson(ctx, n);
}

export function registerLessons(bot: Bot): void {
  bot.command(
    ["học", "bắt đầu"],
    (ctx) => {
      // "học bài 3" opens lesson 3; "học", "học tiếp", "bắt đầu" continue.
      const n = lessonNumberAfter(ctx.text, ["hoc", "bat dau"]);
      if (n !== undefined && !Number.isNaN(n)) return lessonByNumber(ctx, n, String(n));
      continueLearning(ctx);
    },
    { example: "học", help: "học tiếp bài của bạn" },
  );
  bot.payload("start", continueLearning);
  bot.command(
    ["bài"],
    (ctx) => {
      const n = lessonNumberAfter(ctx.text, ["bai"]);
      lessonByNumber(ctx, n, ctx.text.replace(/^\s*\S+\s*/, ""));
    },
    { example: "bài 3", help: "mở Bài 3 (có 12 bài)" },
  );
  bot.payload("lesson", (ctx) => {
    const n = Number(ctx.text.slice("#lesson:".length));
    lessonByNumber(ctx, Number.isInteger(n) ? n : NaN, ctx.text.slice("#lesson:".length));
  });
}
