import type { Attempt, Certificate } from "../../learning/index.js";
import { checkCertificateName } from "../../learning/certificate-name.js";
import { certifiesLine, lessonsPassedLine } from "../../learning/certificate-wording.js";
import { dayAndMonth } from "../../local-time.js";
import type { Button } from "../../zalo/messages.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { atStep, setChatState } from "../flows/chat-state.js";
import { certificateUrl } from "../flows/links.js";
import { askCurrent, currentItem } from "../flows/quiz-flow.js";
import { STALE_BUTTON } from "../flows/replies.js";
import { isThanks } from "../flows/acknowledgement.js";

const CONFIRM_BUTTONS: Button[] = [
  { type: "query", title: "Đúng rồi", payload: "#cert-name:ok" },
  { type: "query", title: "Sửa lại", payload: "#cert-name:edit" },
];

/** "thi": starts the final test, carries on with an open one, or says when a retry is allowed. */
async function startFinal(ctx: ChatContext): Promise<void> {
  const { learning } = ctx.services;
  const certificate = await learning.certificates.forLearner(ctx.learner.id);
  if (certificate) {
    await sendCertificate(ctx, certificate, "Bạn đã đạt bài thi cuối khóa và có giấy chứng nhận rồi. 🎓");
    return;
  }
  // Passed (here or in the app) but no name confirmed yet: the certificate is waiting for it.
  if ((await learning.finalTest.bestPass(ctx.learner.id)) !== undefined) {
    await askName(ctx, "Bạn đã đạt bài thi cuối khóa. 🎉");
    return;
  }
  const started = await learning.finalTest.start(ctx.learner.id, "chat");
  if (!started.ok) {
    await ctx.buttons(
      `Lần thi trước chưa đạt. Bạn nghỉ một chút, ôn lại bài, rồi thi lại từ ${formatTime(ctx, started.retryAt)} nhé. 💪`,
      [{ type: "query", title: "Ôn bài", payload: "#start" }],
    );
    return;
  }
  const { attempt, resumed } = started;
  if (!currentItem(attempt)) {
    await finalAnswered(ctx, attempt, "Bạn đã làm xong bài thi.");
    return;
  }
  const { passMark } = learning.finalTest.options;
  const intro = resumed
    ? "Bạn đang thi dở. Mình làm tiếp nhé:"
    : `🎓 Bài thi cuối khóa: ${attempt.total} câu từ cả 12 bài. Đúng ${passMark} câu là đạt và nhận giấy chứng nhận.\n` +
      "Bạn cứ từ từ, không tính giờ.";
  await askCurrent(ctx, attempt, intro);
}

/** The last question was answered: the attempt is scored; a pass asks for the name to print, a fail says when to retry. */
export async function finalAnswered(ctx: ChatContext, attempt: Attempt, said: string): Promise<void> {
  const { learning } = ctx.services;
  const result = await learning.finalTest.finish(ctx.learner, attempt.id);
  const score = result.attempt.score ?? 0;
  const { passMark } = learning.finalTest.options;
  if (result.passed) {
    const congratulations = `${said}\n\n🎉 Chúc mừng bạn! Bạn trả lời đúng ${score}/${attempt.total} câu và đã đạt.`;
    if (result.certificate) {
      await sendCertificate(ctx, result.certificate, `${congratulations}\nBạn đã có giấy chứng nhận từ trước.`);
      return;
    }
    await askName(ctx, congratulations);
    return;
  }
  const retry = result.retryAt ? `Bạn có thể thi lại từ ${formatTime(ctx, result.retryAt)}.` : "Bạn có thể thi lại ngay.";
  await ctx.buttons(
    `${said}\n\nBạn trả lời đúng ${score}/${attempt.total} câu. Cần đúng ${passMark} câu mới đạt. ` +
      `Đừng buồn nhé, bạn ôn lại các bài rồi thi lại. ${retry}`,
    [
      { type: "query", title: "Xem tiến độ", payload: "#progress" },
      { type: "query", title: "Ôn bài", payload: "#start" },
    ],
  );
}

/** Asks the name to print, saying where it will show (consent texts promise the same). */
async function askName(ctx: ChatContext, before: string): Promise<void> {
  await setChatState(ctx, { step: "certificate-name" });
  const zaloName = ctx.learner.display_name && checkCertificateName(ctx.learner.display_name);
  const buttons: Button[] = zaloName && zaloName.ok ? [{ type: "query", title: "Dùng tên Zalo", payload: "#cert-name:zalo" }] : [];
  await ctx.buttons(
    `${before}\nBạn muốn in tên nào trên giấy chứng nhận? Bạn gõ họ và tên, ví dụ: Trần Thị Hoa.\n` +
      "Tên này được in trên giấy chứng nhận và hiện trên trang kiểm tra công khai: ai có mã hoặc đường link đều xem được.",
    buttons,
  );
}

/** Shows the name exactly as it will be printed and asks to confirm it, or says what to change. */
async function propose(ctx: ChatContext, typed: string): Promise<void> {
  const checked = checkCertificateName(typed);
  if (!checked.ok) {
    await ctx.reply(checked.message);
    return;
  }
  await setChatState(ctx, { step: "certificate-name", proposed: checked.name });
  await ctx.buttons(
    `Tên in trên giấy chứng nhận: ${checked.name}\nBạn xem lại từng chữ và dấu nhé. Đã in thì tên không đổi được nữa.`,
    CONFIRM_BUTTONS,
  );
}

async function issue(ctx: ChatContext, name: string): Promise<void> {
  const result = await ctx.services.learning.finalTest.issueCertificate(ctx.learner, name);
  if (result.kind === "invalid_name") {
    await ctx.reply(result.message);
    return;
  }
  await setChatState(ctx, null);
  if (result.kind === "not_passed") {
    await ctx.reply("Xin lỗi, tôi chưa cấp được giấy chứng nhận. Bạn nhắn: thi để thử lại nhé.");
    return;
  }
  const intro = result.kind === "issued" ? "🎓 Giấy chứng nhận của bạn đã sẵn sàng!" : "Bạn đã có giấy chứng nhận từ trước, tên đã in giữ nguyên.";
  await sendCertificate(ctx, result.certificate, intro);
}

async function sendCertificate(ctx: ChatContext, certificate: Certificate, intro: string): Promise<void> {
  const url = certificateUrl(ctx.services.config, certificate.code);
  await ctx.buttons(
    `${intro}\nHọ và tên: ${certificate.name}\n` +
      `Giấy chứng nhận: ${certifiesLine(certificate.lessons)} (đúng ${certificate.score}/${certificate.total} câu).\n` +
      `${lessonsPassedLine(certificate.lessons)}\n` +
      `Mã giấy chứng nhận: ${certificate.code}\nAi cũng có thể kiểm tra giấy chứng nhận tại: ${url}\nCảm ơn bạn đã học cùng Kỹ Năng Số!`,
    [{ type: "url", title: "Xem giấy chứng nhận", url }],
  );
}

/**
 * Typed words that confirm the proposed name, compared with their diacritics (NFC, lower case): folded,
 * "Dũng" (a name) would read as "dùng"/"đúng" and print the previous proposal. Never proposed as a name.
 */
const YES = new Set(["đúng", "đúng rồi", "đúng rồi ạ", "dạ đúng rồi", "đúng vậy", "vâng", "vâng ạ", "ok", "oke", "okay", "ừ", "được", "dung roi"]);
const EDIT = new Set(["sửa", "sửa lại", "sua lai"]);

/** Lower case with diacritics kept, punctuation as spaces: "Đúng rồi!" → "đúng rồi". */
function plainWords(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}

/** Typed text while the certificate waits for a name (or its confirmation); true when it was taken. */
export async function certificateNameInput(ctx: ChatContext): Promise<boolean> {
  const state = await atStep(ctx, "certificate-name");
  if (!state) return false;
  const said = plainWords(ctx.text);
  if (state.proposed && YES.has(said)) await issue(ctx, state.proposed);
  else if (state.proposed && EDIT.has(said)) await askAgain(ctx);
  else if (YES.has(said) || isThanks(ctx.text)) await notAName(ctx, state.proposed);
  else await propose(ctx, ctx.text); // a new name corrects the proposed one
  return true;
}

/** "ok", "cảm ơn" while a name is awaited: not a name; the proposal (if any) is shown again. */
async function notAName(ctx: ChatContext, proposed: string | undefined): Promise<void> {
  if (!proposed) {
    await ctx.reply("Bạn gõ họ và tên muốn in trên giấy chứng nhận nhé, ví dụ: Trần Thị Hoa.");
    return;
  }
  await ctx.buttons(
    `Tên in trên giấy chứng nhận: ${proposed}\nNếu đúng, bạn bấm “Đúng rồi”. Muốn tên khác, bạn gõ lại họ và tên.`,
    CONFIRM_BUTTONS,
  );
}

async function askAgain(ctx: ChatContext): Promise<void> {
  await setChatState(ctx, { step: "certificate-name" });
  await ctx.reply("Bạn gõ lại họ và tên muốn in trên giấy chứng nhận nhé, ví dụ: Trần Thị Hoa.");
}

/** "11:00 hôm nay" or "08:30 ngày 24/11", in the learner's time zone. */
function formatTime(ctx: ChatContext, at: Date): string {
  const { local } = ctx.services.outreach;
  const when = local.at(at);
  return when.day === local.at(ctx.services.clock.now()).day ? `${when.time} hôm nay` : `${when.time} ngày ${dayAndMonth(when.day)}`;
}

export function registerFinalTest(bot: Bot): void {
  bot.command(["thi", "thi cuối khóa", "bài thi"], startFinal, { example: "thi", help: "làm bài thi cuối khóa để nhận giấy chứng nhận" });
  bot.payload("final", startFinal);
  bot.payload("cert-name", async (ctx) => {
    const state = await atStep(ctx, "certificate-name");
    if (!state) {
      await ctx.reply(STALE_BUTTON);
      return;
    }
    switch (ctx.text) {
      case "#cert-name:zalo":
        if (ctx.learner.display_name) {
          await propose(ctx, ctx.learner.display_name);
          return;
        }
        await ctx.reply("Tôi chưa biết tên Zalo của bạn. Bạn gõ họ và tên giúp tôi nhé.");
        return;
      case "#cert-name:ok":
        if (state.proposed) {
          await issue(ctx, state.proposed);
          return;
        }
        await ctx.reply("Bạn gõ họ và tên muốn in trên giấy chứng nhận trước nhé.");
        return;
      case "#cert-name:edit":
        await askAgain(ctx);
        return;
      default:
        await ctx.reply(STALE_BUTTON);
    }
  });
}
