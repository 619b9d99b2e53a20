import type { Attempt } from "../../learning/index.js";
import { dayAndMonth } from "../../outreach/local-time.js";
import type { Button } from "../../zalo/messages.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { atStep, setChatState } from "../flows/chat-state.js";
import { certificateUrl } from "../flows/links.js";
import { askCurrent, currentItem } from "../flows/quiz-flow.js";
import { STALE_BUTTON } from "../flows/replies.js";

const MAX_NAME = 60;

/** "thi": starts the final test, carries on with an open one, or says when a retry is allowed. */
function startFinal(ctx: ChatContext): void {
  const { learning } = ctx.services;
  const certificate = learning.certificates.forLearner(ctx.learner.id);
  if (certificate) return sendCertificate(ctx, certificate.code, certificate.name, "Bạn đã đạt bài thi và có chứng nhận rồi. 🎓");
  const started = learning.finalTest.start(ctx.learner.id, "chat");
  if (!started.ok) {
    ctx.buttons(
      `Lần thi trước chưa đạt. Bạn nghỉ một chút, ôn lại bài, rồi thi lại từ ${formatTime(ctx, started.retryAt)} nhé. 💪`,
      [{ type: "query", title: "Ôn bài", payload: "#start" }],
    );
    return;
  }
  const { attempt, resumed } = started;
  if (!currentItem(attempt)) return askName(ctx, attempt, "Bạn đã làm xong bài thi.");
  const { passMark } = learning.finalTest.options;
  const intro = resumed
    ? "Bạn đang thi dở. Mình làm tiếp nhé:"
    : `🎓 Bài thi cuối khóa: ${attempt.total} câu từ cả 12 bài. Đúng ${passMark} câu là đạt và nhận chứng nhận.\n` +
      "Bạn cứ từ từ, không tính giờ.";
  askCurrent(ctx, attempt, intro);
}

/** The last question was answered: a pass asks for the name to print; a fail says when to retry. */
export function finalAnswered(ctx: ChatContext, attempt: Attempt, said: string): void {
  const { learning } = ctx.services;
  const score = attempt.items.filter((i) => i.correct).length;
  const { passMark } = learning.finalTest.options;
  if (score >= passMark) return askName(ctx, attempt, `${said}\n\n🎉 Chúc mừng bạn! Bạn trả lời đúng ${score}/${attempt.total} câu và đã đạt.`);
  const result = learning.finalTest.finish(ctx.learner, attempt.id);
  const retry = result.retryAt ? `Bạn có thể thi lại từ ${formatTime(ctx, result.retryAt)}.` : "Bạn có thể thi lại ngay.";
  ctx.buttons(
    `${said}\n\nBạn trả lời đúng ${score}/${attempt.total} câu. Cần đúng ${passMark} câu mới đạt. ` +
      `Đừng buồn nhé, bạn ôn lại các bài rồi thi lại. ${retry}`,
    [
      { type: "query", title: "Xem tiến độ", payload: "#progress" },
      { type: "query", title: "Ôn bài", payload: "#start" },
    ],
  );
}

function askName(ctx: ChatContext, attempt: Attempt, before: string): void {
  setChatState(ctx, { step: "certificate-name", attemptId: attempt.id });
  const buttons: Button[] = ctx.learner.display_name ? [{ type: "query", title: "Dùng tên Zalo", payload: "#cert-name:zalo" }] : [];
  ctx.buttons(`${before}\nBạn muốn in tên nào trên chứng nhận? Bạn gõ họ và tên, ví dụ: Nguyễn Thị Lan.`, buttons);
}

/** A name a person would print: letters, spaces and a few marks; no digits, links or emoji. */
export function cleanName(typed: string): string | undefined {
  const name = typed.normalize("NFC").replace(/\s+/g, " ").trim();
  if (name.length < 2 || name.length > MAX_NAME) return undefined;
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u.test(name)) return undefined;
  return name;
}

function issue(ctx: ChatContext, name: string): void {
  const state = atStep(ctx, "certificate-name");
  if (!state) return;
  const { learning } = ctx.services;
  const { learners } = learning;
  // The name goes on the certificate itself; it is kept on the learner only with consent.
  if (ctx.learner.consent === "granted") learners.update(ctx.learner.id, { certificate_name: name });
  const result = learning.finalTest.finish({ ...ctx.learner, certificate_name: name }, state.attemptId);
  setChatState(ctx, null);
  if (!result.certificate) {
    ctx.reply("Xin lỗi, tôi chưa cấp được chứng nhận. Bạn nhắn: thi để thử lại nhé.");
    return;
  }
  sendCertificate(ctx, result.certificate.code, result.certificate.name, "🎓 Chứng nhận của bạn đã sẵn sàng!");
}

function sendCertificate(ctx: ChatContext, code: string, name: string, intro: string): void {
  const url = certificateUrl(ctx.services.config, code);
  ctx.buttons(
    `${intro}\nHọ và tên: ${name}\nMã chứng nhận: ${code}\nAi cũng có thể kiểm tra chứng nhận tại: ${url}\nCảm ơn bạn đã học cùng Kỹ Năng Số!`,
    [{ type: "url", title: "Xem chứng nhận", url }],
  );
}

/** Typed text while the certificate waits for a name; true when it was taken. */
export function certificateNameInput(ctx: ChatContext): boolean {
  if (!atStep(ctx, "certificate-name")) return false;
  const name = cleanName(ctx.text);
  if (!name) {
    ctx.reply(`Tên này tôi chưa in được. Bạn gõ họ và tên bằng chữ (không số, không biểu tượng), dưới ${MAX_NAME} ký tự, ví dụ: Nguyễn Thị Lan.`);
    return true;
  }
  issue(ctx, name);
  return true;
}

/** "11:00 hôm nay" or "08:30 ngày 24/11", in the learner's time zone. */
function formatTime(ctx: ChatContext, at: Date): string {
  const { local } = ctx.services.outreach;
  const when = local.at(at);
  return when.day === local.at(ctx.services.clock.now()).day ? `${when.time} hôm nay` : `${when.time} ngày ${dayAndMonth(when.day)}`;
}

export function registerFinalTest(bot: Bot): void {
  bot.command(["thi", "thi cuối khóa", "bài thi"], startFinal, { example: "thi", help: "làm bài thi cuối khóa để nhận chứng nhận" });
  bot.payload("final", startFinal);
  bot.payload("cert-name", (ctx) => {
    const name = ctx.learner.display_name && cleanName(ctx.learner.display_name);
    if (atStep(ctx, "certificate-name") && name) return issue(ctx, name);
    if (atStep(ctx, "certificate-name")) return void ctx.reply("Tôi chưa biết tên Zalo của bạn. Bạn gõ họ và tên giúp tôi nhé.");
    ctx.reply(STALE_BUTTON);
  });
}
