import { Bot } from "./bot.js";
import { registerChecker } from "./handlers/checker.js";
import { registerFallback } from "./handlers/fallback.js";
import { registerHelp } from "./handlers/help.js";
import { registerWelcome } from "./handlers/welcome.js";

/** The bot with every flow registered; order matters only where filters overlap. */
export function createBot(): Bot {
  const bot = new Bot();
  registerWelcome(bot);
  registerHelp(bot);
  registerChecker(bot); // before every other text command: "kiểm tra <link>" is a check, "kiểm tra" alone the quiz
  registerFallback(bot);
  return bot;
}
