import type { Attempt } from "../../learning/index.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { foldedArgs, saysPhrase } from "../phrase.js";
import { choiceFeedback, LETTERS, letterIndex } from "../choice-message.js";
import { parseReminderTime } from "../../learning/reminder-time.js";
import { REMIND_LATER } from "../../outreach/reminders.js";
import { SNOOZE_DAYS } from "../../outreach/preferences.js";
import { dayAndMonth } from "../../local-time.js";
import { openChatQuiz, resumeQuiz } from "../flows/quiz-flow.js";
import { CONSENT_BUTTONS } from "./welcome.js";
import { continueLearning } from "./lessons.js";
import type { Button } from "../../zalo/messages.js";
import { KEPT_WITH_CONSENT } from "../../learning/consent-wording.js";

const TIME_CHOICES: Button[] = ["7:00", "12:00", "20:00"].map((t) => ({ type: "query-show", title: t, payload: `nhắc ${t}` }));
const EXAMPLES = "Bạn nhắn ví dụ: “nhắc 20h”, “nhắc 20:30” hoặc “nhắc 8 giờ tối”.";

// Words a person may put between "nhắc" and the time: "nhắc tôi lúc 20h", "nhắc học 7 giờ sáng".
const FILLER = /^(?:(?:toi|minh|hoc|giup|lai|gio|vao|luc)\s+)*/;

export const BUSY = ["bận", "đang bận", "tôi bận", "tôi đang bận", "bận rồi", "bận quá", "hôm nay bận", "bận lắm"];
export const STOP = ["dừng", "dừng lại", "dừng nhắc", "ngừng", "ngừng nhắc", "dừng gửi tin", "đừng nhắn nữa", "stop"];
// Nothing starting with "nhắc": the "nhắc" command would read the rest as a time.
/** Always turns reminders and tips back on. */
export const REMINDERS_ON = ["bật nhắc lại", "bật lại", "tiếp tục nhắc", "tiếp tục nhận tin", "nhận tin lại", "bật nhắc"];
/** "Carry on": an open quiz if there is one, else with no quiz open it turns reminders back on (README). */
export const RESUME = ["tiếp tục"];
/** Carry on learning: an open quiz, else the next step, as "học" does; never touches reminders. */
export const CARRY_ON = ["tiếp", "làm tiếp", "tiếp đi", "làm tiếp đi"];

/** Reminder settings in chat: set/show/turn off the time, snooze, stop everything, resume. */
export function registerReminders(bot: Bot): void {
  bot.command(["tắt nhắc", "bỏ nhắc", "hủy nhắc", "thôi nhắc"], turnOff, { example: "tắt nhắc", help: "thôi nhắc học hằng ngày" });
  bot.command(["nhắc", "hẹn giờ"], setOrShow, {
    example: "nhắc 20h",
    help: "đặt giờ nhắc học mỗi ngày (nhắn “nhắc” để xem giờ đang đặt)",
  });
  // Whole phrases, not command prefixes: "bận" folds like "bạn" (you), "dừng" like "dùng" (use).
  bot.filter((ctx) => saysPhrase(ctx.text, BUSY), snooze, { example: "bận", help: `tạm nghỉ nhắc ${SNOOZE_DAYS} ngày` });
  bot.filter((ctx) => saysPhrase(ctx.text, STOP), stop, { example: "dừng", help: "ngừng mọi tin nhắc và mẹo (tiến độ vẫn giữ)" });
  bot.filter((ctx) => saysPhrase(ctx.text, REMINDERS_ON), remindersOn, { example: "bật nhắc lại", help: "nhận lại tin nhắc và mẹo sau khi dừng hay bận" });
  bot.filter((ctx) => saysPhrase(ctx.text, RESUME), resume, { example: "tiếp tục", help: "làm tiếp bài kiểm tra đang dở; không có bài nào dở thì nhận lại tin nhắc" });
  bot.filter((ctx) => saysPhrase(ctx.text, CARRY_ON), carryOn);
  bot.payload("reminder", remindLater);
  bot.payload("review", answerReview);
}

async function setOrShow(ctx: ChatContext): Promise<void> {
  const said = foldedArgs(ctx.text, 1).replace(FILLER, "").trim();
  // "nhắc" alone (or "nhắc tôi") shows the setting; "nhắc 😀" is a time we cannot read.
  const symbols = /\p{S}/u.test(ctx.text);
  if (!said && !symbols) {
    await showSetting(ctx);
    return;
  }
  if (ctx.learner.consent !== "granted") {
    await askConsent(ctx);
    return;
  }
  const choice = parseReminderTime(said || ctx.text);
  if (choice.kind === "unreadable") {
    await ctx.buttons(`Xin lỗi, tôi chưa hiểu giờ bạn muốn. ${EXAMPLES}`, TIME_CHOICES);
    return;
  }
  if (choice.kind === "quiet") {
    await ctx.buttons(
      `Tôi không nhắn tin từ 21 giờ tối đến 7 giờ sáng để bạn được nghỉ ngơi, nên chưa đặt nhắc lúc ${choice.time}.\n` +
        `Bạn chọn giờ khác nhé, ví dụ ${choice.suggestion}.`,
      [{ type: "query-show", title: `Nhắc lúc ${choice.suggestion}`, payload: `nhắc ${choice.suggestion}` }, ...TIME_CHOICES.filter((b) => b.title !== choice.suggestion.replace(/^0/, ""))],
    );
    return;
  }
  await ctx.services.learning.learners.update(ctx.learner.id, { reminder_time: choice.time });
  const { stopped, snoozedUntil } = await ctx.services.outreach.preferences.get(ctx.learner.id);
  const paused = stopped || snoozedUntil ? "\nBạn đang tạm dừng nhận tin nhắc. Nhắn “bật nhắc lại” khi muốn nhận lại." : "";
  await ctx.reply(
    `Dạ, tôi sẽ nhắc bạn học lúc ${choice.time} mỗi ngày. 🔔\n` +
      `Muốn đổi giờ, bạn nhắn ví dụ “nhắc 7h”. Muốn thôi, nhắn “tắt nhắc”.${paused}\n` +
      "Zalo chỉ cho tôi nhắn khi bạn có trò chuyện gần đây, nên hãy bấm trả lời tin nhắc để tôi nhắc được tiếp nhé.",
  );
}

async function showSetting(ctx: ChatContext): Promise<void> {
  const { reminderTime, stopped, snoozedUntil } = await ctx.services.outreach.preferences.get(ctx.learner.id);
  const lines = [reminderTime ? `Tôi đang nhắc bạn học lúc ${reminderTime} mỗi ngày.` : "Bạn chưa đặt giờ nhắc học."];
  if (stopped) lines.push("Bạn đang dừng nhận tin nhắc. Nhắn “bật nhắc lại” để nhận lại.");
  else if (snoozedUntil) lines.push(`Bạn đang tạm nghỉ đến ngày ${shortDate(ctx, snoozedUntil)}.`);
  lines.push(`Muốn đổi giờ, bấm một nút bên dưới hoặc nhắn ví dụ “nhắc 20:30”.`);
  const off: Button[] = reminderTime ? [{ type: "query-show", title: "Tắt nhắc", payload: "tắt nhắc" }] : [];
  await ctx.buttons(lines.join("\n"), [...TIME_CHOICES, ...off]);
}

async function turnOff(ctx: ChatContext): Promise<void> {
  if (ctx.learner.reminder_time) await ctx.services.learning.learners.update(ctx.learner.id, { reminder_time: null });
  await ctx.reply("Dạ, tôi đã tắt nhắc học. Bạn vẫn học được bất cứ lúc nào: nhắn “học” là tiếp tục bài đang học.\nMuốn nhắc lại, nhắn ví dụ “nhắc 20h”.");
}

async function snooze(ctx: ChatContext): Promise<void> {
  const until = await ctx.services.outreach.preferences.snooze(ctx.learner.id, ctx.userId);
  await ctx.reply(
    `Dạ, bạn cứ lo việc nhé. Tôi sẽ không nhắn nhắc bạn trong ${SNOOZE_DAYS} ngày, đến ngày ${shortDate(ctx, until)}.\n` +
      "Khi rảnh, bạn nhắn “học” để học tiếp, hoặc “bật nhắc lại” để nhận lại tin nhắc sớm hơn.",
  );
}

async function stop(ctx: ChatContext): Promise<void> {
  await ctx.services.outreach.preferences.stop(ctx.learner.id, ctx.userId);
  await ctx.reply(
    "Dạ, tôi sẽ không tự nhắn cho bạn nữa: không nhắc học, không gửi mẹo. Tiến độ học của bạn vẫn được giữ nguyên.\n" +
      "Bạn vẫn hỏi tôi được bất cứ lúc nào. Khi muốn nhận lại tin nhắc, nhắn “bật nhắc lại”.",
  );
}

/** "tiếp tục": an open quiz carries on (reminders untouched); with none open, reminders back on. */
async function resume(ctx: ChatContext): Promise<void> {
  const quiz = await openChatQuiz(ctx);
  if (await carryOnQuiz(ctx, quiz)) return;
  await turnRemindersOn(ctx, quiz);
}

/** "tiếp", "làm tiếp": an open quiz carries on, else the next step; reminders untouched. */
async function carryOn(ctx: ChatContext): Promise<void> {
  if (await carryOnQuiz(ctx, await openChatQuiz(ctx))) return;
  await continueLearning(ctx);
}

/** Sends the open quiz's question again, saying how to get reminders back if they are paused. */
async function carryOnQuiz(ctx: ChatContext, quiz: Attempt | undefined): Promise<boolean> {
  if (!quiz) return false;
  const { stopped, snoozedUntil } = await ctx.services.outreach.preferences.get(ctx.learner.id);
  return resumeQuiz(ctx, quiz, stopped || snoozedUntil ? PAUSED_LINE : undefined);
}

const PAUSED_LINE = "Bạn đang tạm dừng nhận tin nhắc. Muốn nhận lại, bạn nhắn “bật nhắc lại”.";

/** "bật nhắc lại": reminders and tips back on if they were stopped or snoozed; an open quiz carries on. */
async function remindersOn(ctx: ChatContext): Promise<void> {
  await turnRemindersOn(ctx, await openChatQuiz(ctx));
}

/** remindersOn with the open chat quiz (if any) already looked up: turning reminders on does not change it. */
async function turnRemindersOn(ctx: ChatContext, quiz: Attempt | undefined): Promise<void> {
  const { outreach } = ctx.services;
  const wasPaused = await outreach.preferences.resume(ctx.learner.id);
  const back = "Dạ, tôi sẽ nhắn nhắc bạn lại như trước.";
  if (quiz && (await resumeQuiz(ctx, quiz, wasPaused ? back : "Bạn đang nhận tin nhắc bình thường."))) return;
  const { reminderTime } = await outreach.preferences.get(ctx.learner.id);
  const step = await outreach.reminders.nextStep(ctx.learner.id);
  const when = reminderTime ? `Tôi sẽ nhắc bạn lúc ${reminderTime} mỗi ngày.` : "Bạn chưa đặt giờ nhắc: nhắn ví dụ “nhắc 20h” để đặt.";
  const head = wasPaused ? `Dạ, tôi sẽ nhắn cho bạn lại như trước. ${when}` : `Bạn đang nhận tin nhắc bình thường. ${when}`;
  await ctx.buttons(`${head}\n${step.line}`, [step.button]);
}

async function remindLater(ctx: ChatContext): Promise<void> {
  if (ctx.text !== REMIND_LATER) {
    await ctx.reply("Nút này đã cũ rồi. Bạn nhắn “học” để học tiếp nhé.");
    return;
  }
  await ctx.reply("Dạ, không sao ạ. Hẹn bạn lần nhắc sau nhé! Khi rảnh, bạn nhắn “học” là học tiếp được ngay. 👋");
}

/** "#review:<token>:<A-D>": the answer to a review question carried by a reminder. */
async function answerReview(ctx: ChatContext): Promise<void> {
  const { outreach, learning } = ctx.services;
  const [, token = "", raw] = ctx.text.split(":");
  const chosen = letterIndex(raw);
  const step = await outreach.reminders.nextStep(ctx.learner.id);
  const result = chosen === undefined ? { status: "unknown" as const } : await outreach.prompts.answer(token, ctx.learner.id, chosen);
  if (result.status === "unknown") {
    await ctx.buttons(`Câu ôn tập này đã cũ rồi nên tôi không chấm nữa. Không sao đâu ạ!\n${step.line}`, [step.button]);
    return;
  }
  if (result.status === "already-answered") {
    await ctx.buttons(`Bạn đã trả lời câu này rồi (chọn ${LETTERS[result.chosen]}).\n${step.line}`, [step.button]);
    return;
  }
  const scored = await learning.scoreReview(ctx.learner.id, result.questionId, result.chosen);
  if (!scored) {
    await ctx.buttons(`Câu hỏi này không còn trong bài nữa. ${step.line}`, [step.button]);
    return;
  }
  const { question, correct } = scored;
  const later = correct ? "Câu này sẽ quay lại sau ít hôm nữa để bạn nhớ lâu." : "Ngày mai tôi sẽ hỏi lại câu này để bạn nhớ.";
  await ctx.buttons(`${choiceFeedback(question, result.chosen)}\n${later}\n\n${step.line}`, [step.button]);
}

/** Storing a reminder time needs consent; the two buttons are answered by the onboarding flow. */
export async function askConsent(ctx: ChatContext): Promise<void> {
  await ctx.buttons(
    "Để nhắc bạn đúng giờ, tôi cần lưu giờ nhắc của bạn, nên cần bạn đồng ý cho lưu thông tin trước.\n" +
      `${KEPT_WITH_CONSENT}\n` +
      "Bạn có đồng ý không?",
    // Nothing pre-selected: two equal choices (Personal Data Protection Law 2025).
    CONSENT_BUTTONS.slice(0, 2),
  );
}

function shortDate(ctx: ChatContext, date: Date): string {
  return dayAndMonth(ctx.services.outreach.local.at(date).day);
}
