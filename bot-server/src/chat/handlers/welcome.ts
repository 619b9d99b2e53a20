import type { Bot } from "../bot.js";

export const WELCOME =
  "Chào mừng bạn đến với Kỹ Năng Số! 👋\n" +
  "Ở đây bạn học 12 bài kỹ năng số ngay trong Zalo: dùng mạng an toàn, thanh toán trực tuyến, " +
  "làm thủ tục trên Cổng dịch vụ công, nhận biết lừa đảo… Mỗi bài đọc chưa tới 10 phút.\n" +
  "Bấm một nút bên dưới để bắt đầu.";

export function registerWelcome(bot: Bot): void {
  bot.on("follow", (ctx) => {
    ctx.services.learners.setFollows(ctx.userId, true);
    ctx.buttons(WELCOME, [
      { type: "query", title: "Bắt đầu học", payload: "#start" },
      { type: "query", title: "Xem hướng dẫn", payload: "#help" },
    ]);
  });
  bot.on("unfollow", (ctx) => ctx.services.learners.setFollows(ctx.userId, false));
}
