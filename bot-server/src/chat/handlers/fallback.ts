import type { Bot } from "../bot.js";
import { sendMenu } from "./menu.js";

export function registerFallback(bot: Bot): void {
  bot.fallback((ctx) => {
    if (ctx.event.name !== "user_send_text") {
      sendMenu(bot, ctx, "Tôi đã nhận được tin của bạn, nhưng hiện tôi chỉ đọc được chữ thôi. 🙏");
      return;
    }
    if (ctx.text.startsWith("#")) {
      // A button from an old message that no longer means anything.
      sendMenu(bot, ctx, "Nút này đã cũ rồi. Bạn chọn lại giúp tôi nhé.");
      return;
    }
    sendMenu(bot, ctx, "Xin lỗi, tôi chưa hiểu ý bạn. 🙏");
  });
}
