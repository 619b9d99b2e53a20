import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";

/** The command menu, built from what the bot really understands. */
export function menuText(bot: Bot): string {
  const lines = bot.menu.map((m) => `• ${m.example} — ${m.help}`);
  return ["Bạn có thể nhắn cho tôi:", ...lines, "", "Không cần gõ dấu, chữ hoa hay chữ thường đều được."].join("\n");
}

export async function sendMenu(bot: Bot, ctx: ChatContext, intro?: string): Promise<void> {
  const text = intro ? `${intro}\n\n${menuText(bot)}` : menuText(bot);
  await ctx.reply(text);
}
