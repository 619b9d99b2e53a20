import { Bot } from "./bot.js";
import { registerFallback } from "./handlers/fallback.js";
import { registerHelp } from "./handlers/help.js";
import { registerReminders } from "./handlers/reminders.js";
import { registerTips } from "./handlers/tips.js";
import { registerWelcome } from "./handlers/welcome.js";

/** The bot with every flow registered; order matters only where filters overlap. */
export function createBot(): Bot {
  const bot = new Bot();
  registerWelcome(bot);
  registerHelp(bot);
  registerReminders(bot);
  registerTips(bot);
  registerFallback(bot);
  return bot;
}
