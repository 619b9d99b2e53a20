import { LESSON_QUIZ } from "../../learning/index.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";

async function showProgress(ctx: ChatContext): Promise<void> {
  const { learning, content } = ctx.services;
  const lessons = await learning.progress.lessons(ctx.learner.id);
  const passed = lessons.filter((l) => l.quizPassed).length;
  const lines = lessons.map((l) => {
    const title = content.lessons.find((c) => c.id === l.id)?.title ?? "";
    const mark = l.quizPassed ? "✅" : l.status === "not_started" ? "⬜" : "📖";
    const score = l.quizBest !== null ? ` (bài kiểm tra: ${l.quizBest}/${LESSON_QUIZ.questions})` : "";
    return `${mark} Bài ${l.id}: ${title}${score}`;
  });
  const certificate = await learning.certificates.forLearner(ctx.learner.id);
  const end = certificate
    ? `🎓 Bạn đã có giấy chứng nhận, mã ${certificate.code}.`
    : passed === lessons.length
      ? "Bạn đã qua cả 12 bài. Nhắn: thi để làm bài thi cuối khóa."
      : "✅ đã qua bài kiểm tra · 📖 đang học · ⬜ chưa học";
  await ctx.buttons([`Bạn đã qua ${passed}/${lessons.length} bài.`, "", ...lines, "", end].join("\n"), [
    { type: "query", title: "Học tiếp", payload: "#start" },
  ]);
}

export function registerProgress(bot: Bot): void {
  bot.command(["tiến độ", "tien do", "kết quả"], showProgress, { example: "tiến độ", help: "xem bạn đã học tới đâu" });
  bot.payload("progress", showProgress);
}
