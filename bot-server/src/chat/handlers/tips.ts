import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { saysPhrase } from "../phrase.js";
import { choiceFeedback, letterIndex } from "../choice-message.js";
import { DEFAULT_TIP_TIME, TIP_MORE, tipMessage } from "../../outreach/tips.js";
import { askConsent } from "./reminders.js";

export const TIP_NOW = ["mẹo", "mẹo hay", "xem mẹo", "cho tôi mẹo", "mẹo phòng lừa đảo", "mẹo khác", "thêm mẹo"];
export const TIP_DAILY = ["mẹo mỗi ngày", "nhận mẹo mỗi ngày", "mẹo hằng ngày", "mẹo hàng ngày", "bật mẹo"];
export const TIP_OFF = ["tắt mẹo", "thôi mẹo", "không nhận mẹo", "bỏ mẹo", "dừng mẹo"];

/** Scam tips: one on demand any time (a reply, so no cap), and opting in or out of the daily tip. */
export function registerTips(bot: Bot): void {
  bot.filter((ctx) => saysPhrase(ctx.text, TIP_DAILY), optIn, { example: "mẹo mỗi ngày", help: "nhận một mẹo phòng lừa đảo mỗi ngày" });
  bot.filter((ctx) => saysPhrase(ctx.text, TIP_OFF), optOut, { example: "tắt mẹo", help: "thôi nhận mẹo mỗi ngày" });
  bot.filter((ctx) => saysPhrase(ctx.text, TIP_NOW), sendTip, { example: "mẹo", help: "xem một mẹo phòng lừa đảo" });
  bot.payload("tip", async (ctx) => {
    if (ctx.text === TIP_MORE) await sendTip(ctx);
    else await ctx.reply("Cảm ơn bạn! 🙏 Nhắn “mẹo” bất cứ lúc nào để xem thêm.");
  });
  bot.payload("tipcheck", answerTipCheck);
}

async function sendTip(ctx: ChatContext): Promise<void> {
  const { outreach } = ctx.services;
  // Only with consent do we remember which tips someone has seen (to avoid repeats).
  const tip = await outreach.tips.next(ctx.learner.id, ctx.learner.consent === "granted");
  if (!tip) {
    await ctx.reply("Xin lỗi, hiện chưa có mẹo nào. Bạn quay lại sau nhé.");
    return;
  }
  const message = tipMessage(tip, "🛡️ Mẹo phòng lừa đảo");
  await ctx.buttons(message.text, message.buttons);
}

async function optIn(ctx: ChatContext): Promise<void> {
  if (ctx.learner.consent !== "granted") {
    await askConsent(ctx);
    return;
  }
  const { preferences } = ctx.services.outreach;
  await preferences.setDailyTip(ctx.learner.id, true);
  const { reminderTime, stopped } = await preferences.get(ctx.learner.id);
  const at = reminderTime ? `lúc ${reminderTime} (cùng giờ nhắc học)` : `lúc ${DEFAULT_TIP_TIME} sáng`;
  const paused = stopped ? "\nBạn đang dừng nhận tin nhắc; nhắn “bật nhắc lại” để bắt đầu nhận mẹo." : "";
  await ctx.reply(
    `Dạ, mỗi ngày tôi sẽ gửi bạn một mẹo phòng lừa đảo ${at}. 🛡️${paused}\n` +
      "Zalo chỉ cho tôi nhắn khi bạn có trò chuyện gần đây, nên thỉnh thoảng bạn bấm trả lời mẹo giúp tôi nhé. Muốn thôi, nhắn “tắt mẹo”.",
  );
}

async function optOut(ctx: ChatContext): Promise<void> {
  await ctx.services.outreach.preferences.setDailyTip(ctx.learner.id, false);
  await ctx.reply("Dạ, tôi sẽ không gửi mẹo hằng ngày nữa. Bạn vẫn nhắn “mẹo” để xem một mẹo bất cứ lúc nào.");
}

/** "#tipcheck:<tip id>:<A-D>": tips are public content, so the payload needs no secret; nothing is stored. */
async function answerTipCheck(ctx: ChatContext): Promise<void> {
  const [, tipId = "", raw] = ctx.text.split(":");
  const tip = ctx.services.outreach.tips.get(tipId);
  const chosen = letterIndex(raw);
  if (!tip?.check || chosen === undefined) {
    await ctx.buttons("Nút này đã cũ rồi. Bạn bấm để xem một mẹo khác nhé.", [{ type: "query", title: "Xem mẹo khác", payload: TIP_MORE }]);
    return;
  }
  await ctx.buttons(choiceFeedback(tip.check, chosen), [{ type: "query", title: "Thêm một mẹo", payload: TIP_MORE }]);
}
