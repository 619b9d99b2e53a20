import type { Bot } from "../bot.js";
import { sendMenu } from "./menu.js";

export function registerHelp(bot: Bot): void {
  bot.payload("help", (ctx) => sendMenu(bot, ctx));
  bot.command(["trợ giúp", "giúp", "hướng dẫn", "menu", "help"], (ctx) => sendMenu(bot, ctx), {
    example: "trợ giúp",
    help: "xem lại danh sách này",
  });
}
