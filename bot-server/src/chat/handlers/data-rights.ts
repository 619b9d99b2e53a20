import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { atStep, setChatState } from "../flows/chat-state.js";
import { STALE_BUTTON } from "../flows/replies.js";
import { sourceInWords } from "../flows/source-words.js";

/** What is held about the person, in plain words (PDPL: the right to know). */
async function summary(ctx: ChatContext): Promise<string> {
  const { learner, services } = ctx;
  const { learning, places } = services;
  const lessons = await learning.progress.lessons(learner.id);
  const opened = lessons.filter((l) => l.status !== "not_started").length;
  const passed = lessons.filter((l) => l.quizPassed).length;
  const certificate = await learning.certificates.forLearner(learner.id);
  const province = learner.province_code ? (await places.province(learner.province_code))?.name : undefined;
  const commune = learner.commune_code ? (await places.commune(learner.commune_code))?.name : undefined;
  const consent =
    learner.consent === "granted" ? "bạn đã đồng ý cho lưu" : learner.consent === "declined" ? "bạn không đồng ý cho lưu" : "bạn chưa trả lời";
  const lines = [
    "Đây là những gì Kỹ Năng Số đang lưu về bạn:",
    "• Mã Zalo của bạn dành riêng cho Kỹ Năng Số trên Zalo, để gửi tin trả lời.",
    `• Đồng ý lưu dữ liệu: ${consent}.`,
    `• Nơi ở: ${[commune, province].filter(Boolean).join(", ") || "không lưu"}.`,
    `• Giờ nhắc học: ${learner.reminder_time ?? "không lưu"}.`,
    `• Việc học: đã mở ${opened}/12 bài, đã qua bài kiểm tra ${passed}/12 bài.`,
    `• Giấy chứng nhận: ${certificate ? `mã ${certificate.code}, tên in là “${certificate.name}”` : "chưa có"}.`,
  ];
  // The kept name once: an issued certificate already shows the name it carries.
  if (learner.certificate_name && learner.certificate_name !== certificate?.name) {
    lines.push(`• Tên đã lưu để in giấy chứng nhận: ${learner.certificate_name}.`);
  }
  if (learner.display_name) lines.push(`• Tên Zalo: ${learner.display_name}.`);
  if (learner.first_source) lines.push(`• Lần đầu bạn đến với Kỹ Năng Số qua: ${sourceInWords(learner.first_source)}.`);
  if (learner.referrer_code) lines.push(`• Mã người giới thiệu bạn: ${learner.referrer_code}.`);
  lines.push("• Các tin nhắn giữa bạn và Kỹ Năng Số, để trả lời và gửi lại khi mạng lỗi.");
  lines.push("", "Muốn xóa hết, bạn nhắn: xóa dữ liệu.");
  return lines.join("\n");
}

/** Asks before deleting; withdrawing consent deletes the same way. */
export async function askToErase(ctx: ChatContext, withdraw: boolean): Promise<void> {
  await setChatState(ctx, { step: "erase", withdraw });
  const intro = withdraw ? "Bạn muốn rút lại sự đồng ý. Khi đó tôi sẽ xóa dữ liệu của bạn." : "Bạn muốn xóa dữ liệu của mình.";
  await ctx.buttons(
    `${intro}\nTôi sẽ xóa bài đã học, điểm, giấy chứng nhận, nơi ở, giờ nhắc và tin nhắn của bạn. Việc này không hoàn tác được.\n` +
      "Chỉ các con số thống kê chung (không có tên ai) được giữ lại.\nBạn chắc chắn chứ?",
    [
      { type: "query", title: "Xóa hết", payload: "#erase:yes" },
      { type: "query", title: "Không xóa", payload: "#erase:no" },
    ],
  );
}

async function erase(ctx: ChatContext): Promise<void> {
  const state = await atStep(ctx, "erase");
  if (!state) {
    await ctx.reply("Nút này đã cũ rồi. Nếu muốn xóa dữ liệu, bạn nhắn: xóa dữ liệu.");
    return;
  }
  const { learning, clock } = ctx.services;
  const { learners } = learning;
  await learning.erase(ctx.learner.id);
  if (state.withdraw) {
    // Remember only the "no", so the bot does not ask again: that is what replying needs.
    const fresh = await learners.touch(ctx.userId, clock.now());
    await learners.declineConsent(fresh.id);
    await ctx.reply("Tôi đã xóa dữ liệu của bạn và sẽ không lưu gì thêm. Bạn vẫn học được bình thường. Nếu đổi ý, bạn nhắn: đồng ý.");
    return;
  }
  await ctx.reply("Tôi đã xóa hết dữ liệu của bạn. Cảm ơn bạn đã học cùng Kỹ Năng Số. Khi nào muốn học lại, bạn cứ nhắn cho tôi nhé. 👋");
}

export function registerDataRights(bot: Bot): void {
  bot.command(["dữ liệu của tôi", "dữ liệu"], async (ctx) => {
    await ctx.reply(await summary(ctx));
  }, {
    example: "dữ liệu của tôi",
    help: "xem tôi đang lưu gì về bạn",
  });
  bot.command(["xóa dữ liệu"], (ctx) => askToErase(ctx, false), { example: "xóa dữ liệu", help: "xóa hết dữ liệu của bạn" });
  bot.payload("erase", async (ctx) => {
    if (ctx.text === "#erase:yes") {
      await erase(ctx);
      return;
    }
    if (ctx.text === "#erase:no" && (await atStep(ctx, "erase"))) {
      await setChatState(ctx, null);
      await ctx.reply("Dạ, tôi không xóa gì cả. Dữ liệu của bạn vẫn được giữ nguyên.");
      return;
    }
    if (ctx.text === "#erase") {
      await askToErase(ctx, false);
      return;
    }
    await ctx.reply(STALE_BUTTON);
  });
}
