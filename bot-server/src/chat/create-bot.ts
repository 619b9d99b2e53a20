import { Bot } from "./bot.js";
import { registerChecker } from "./handlers/checker.js";
import { registerDataRights } from "./handlers/data-rights.js";
import { answerFreeText, registerFallback } from "./handlers/fallback.js";
import { registerFinalTest } from "./handlers/final-test.js";
import { registerHelp } from "./handlers/help.js";
import { registerLessons } from "./handlers/lessons.js";
import { registerOnboarding } from "./handlers/onboarding.js";
import { registerProgress } from "./handlers/progress.js";
import { registerQuiz } from "./handlers/quiz.js";
import { registerReminders } from "./handlers/reminders.js";
import { registerTips } from "./handlers/tips.js";
import { registerWelcome } from "./handlers/welcome.js";

/** The bot with every flow registered; order matters only where filters overlap. */
export function createBot(): Bot {
  const bot = new Bot();
  registerWelcome(bot);
  // Before every other text command: "kiểm tra <link>" is a check, "kiểm tra" alone the quiz.
  registerChecker(bot);
  registerLessons(bot);
  registerQuiz(bot, answerFreeText);
  registerFinalTest(bot);
  registerProgress(bot);
  registerOnboarding(bot);
  registerDataRights(bot);
  registerHelp(bot);
  registerReminders(bot);
  registerTips(bot);
  registerFallback(bot);
  return bot;
}
