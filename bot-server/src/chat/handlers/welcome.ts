import type { ChatContext } from "../context.js";
import { atStep, chatState, setChatState } from "../flows/chat-state.js";
import { parseFirstTouch } from "../flows/first-touch.js";
import type { Bot } from "../bot.js";
import type { Button } from "../../zalo/messages.js";
import { LEARN_EITHER_WAY, WHAT_IS_KEPT } from "../../learning/consent-wording.js";

export const WELCOME =
  "Chào mừng bạn đến với Kỹ Năng Số! 👋\n" +
  "Ở đây bạn học 12 bài kỹ năng số ngay trong Zalo: dùng mạng an toàn, thanh toán trực tuyến, " +
  "làm thủ tục trên Cổng dịch vụ công, nhận biết lừa đảo…";

/** "Mỗi bài đọc khoảng 8–10 phút.": from the lessons' own reading times, never a number written here. */
function readingTime(ctx: ChatContext): string {
  const minutes = ctx.services.content.lessons.map((l) => l.minutes);
  const [low, high] = [Math.min(...minutes), Math.max(...minutes)];
  return `Mỗi bài đọc khoảng ${low === high ? low : `${low}–${high}`} phút.`;
}

// The same sentences as the Mini App's consent card (learning/consent-wording.ts), true to what is stored.
export const CONSENT_QUESTION =
  "Trước khi bắt đầu, tôi xin phép bạn:\n" +
  `${WHAT_IS_KEPT.join("\n")}\n` +
  `${LEARN_EITHER_WAY} Bạn có thể xóa dữ liệu (cả giấy chứng nhận) bất cứ lúc nào bằng cách nhắn: xóa dữ liệu.`;

export const CONSENT_BUTTONS: Button[] = [
  { type: "query", title: "Đồng ý", payload: "#consent:yes" },
  { type: "query", title: "Không đồng ý", payload: "#consent:no" },
  { type: "query", title: "Xem hướng dẫn", payload: "#help" },
];

export const START_BUTTONS: Button[] = [
  { type: "query", title: "Bắt đầu học", payload: "#start" },
  { type: "query", title: "Xem hướng dẫn", payload: "#help" },
];

/** Contexts whose person was greeted by this very event: the fallback then says nothing more. */
const greeted = new WeakSet<ChatContext>();

export function wasJustGreeted(ctx: ChatContext): boolean {
  return greeted.has(ctx);
}

/** Never asked and never answered: the first contact, whether by follow or by a message. */
async function isNew(ctx: ChatContext): Promise<boolean> {
  return ctx.learner.consent === null && (await chatState(ctx)) === null;
}

async function greet(ctx: ChatContext): Promise<void> {
  greeted.add(ctx);
  await setChatState(ctx, { step: "consent" });
  await ctx.buttons(`${WELCOME} ${readingTime(ctx)}\n\n${CONSENT_QUESTION}`, CONSENT_BUTTONS);
}

/** Follow, unfollow, QR codes and first contact: greet, ask consent, record where they came from. */
export function registerWelcome(bot: Bot): void {
  bot.on("follow", async (ctx) => {
    await ctx.services.learning.learners.setFollows(ctx.userId, true);
    const touch = ctx.event.source ? (parseFirstTouch(ctx.event.source) ?? { source: ctx.event.source, referrer: undefined }) : undefined;
    await ctx.services.learning.learners.recordFirstTouch(ctx.learner.id, touch?.source, touch?.referrer);
    if ((await isNew(ctx)) || (await atStep(ctx, "consent"))) {
      await greet(ctx);
      return;
    }
    await ctx.buttons("Chào mừng bạn quay lại với Kỹ Năng Số! 👋 Mình học tiếp nhé?", START_BUTTONS);
  });
  bot.on("unfollow", (ctx) => ctx.services.learning.learners.setFollows(ctx.userId, false));

  // A QR code's text, then anyone new: greeted before their message is answered.
  bot.firstLook(async (ctx) => {
    const touch = parseFirstTouch(ctx.text);
    if (touch) {
      await ctx.services.learning.learners.recordFirstTouch(ctx.learner.id, touch.source, touch.referrer);
      if (await isNew(ctx)) await greet(ctx);
      else await ctx.buttons("Cảm ơn bạn đã quét mã! Mình học tiếp nhé?", START_BUTTONS);
      return true;
    }
    if (await isNew(ctx)) await greet(ctx);
    return false;
  });
}
