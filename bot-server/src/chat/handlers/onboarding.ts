import type { ChatContext } from "../context.js";
import { atStep, chatState, setChatState } from "../flows/chat-state.js";
import { parseReminderTime } from "../../learning/reminder-time.js";
import type { Bot } from "../bot.js";
import { fold } from "../../text.js";
import type { Place, PlaceMatch } from "../../places/places.js";
import { askToErase } from "./data-rights.js";
import { CONSENT_BUTTONS, START_BUTTONS } from "./welcome.js";
import { STALE_BUTTON } from "../flows/replies.js";
import { CERTIFICATE_NAME_IS_PUBLIC, KEPT_ALWAYS } from "../../learning/consent-wording.js";

const SKIP_WORDS = new Set(["khong ro", "bo qua", "khong biet", "khong", "khong muon", "thoi", "skip"]);

export function registerOnboarding(bot: Bot): void {
  // Asked for their commune, an exact name is the answer even if it reads like a command ("Hóc Môn").
  bot.firstLook((ctx) => {
    const state = atStep(ctx, "commune");
    const place = state && ctx.services.places.exactCommune(state.province, ctx.text);
    if (!place) return false;
    saveCommune(ctx, place);
    return true;
  });

  bot.payload("consent", (ctx) => {
    if (ctx.text === "#consent:yes") return consentGiven(ctx);
    if (ctx.text === "#consent:no") return consentRefused(ctx);
    ctx.reply(STALE_BUTTON);
  });
  bot.command(["đồng ý"], consentGiven);
  bot.command(["không đồng ý", "rút đồng ý", "rut lai dong y"], consentRefused, { example: "rút đồng ý", help: "không cho lưu dữ liệu nữa" });

  bot.payload("place", (ctx) => {
    const [, kind, code = ""] = ctx.text.split(":");
    if (kind === "skip") return skipPlace(ctx);
    const province = atStep(ctx, "province");
    const commune = atStep(ctx, "commune");
    if (kind === "p" && province) {
      const place = ctx.services.places.province(code);
      if (place) return saveProvince(ctx, place);
    }
    if (kind === "c" && commune) {
      const place = ctx.services.places.commune(code);
      if (place && place.provinceCode === commune.province) return saveCommune(ctx, place);
    }
    ctx.reply("Nút này đã cũ rồi. Bạn gõ lại tên nơi bạn ở giúp tôi nhé.");
  });

  bot.payload("remind", (ctx) => {
    if (ctx.learner.consent !== "granted") {
      ctx.buttons("Để nhắc bạn học, tôi cần lưu giờ nhắc. Bạn đồng ý cho tôi lưu không?", CONSENT_BUTTONS.slice(0, 2));
      return;
    }
    const value = ctx.text.slice("#remind:".length);
    if (value === "typed") {
      setChatState(ctx, { step: "reminder-typed" });
      ctx.reply("Bạn gõ giờ muốn được nhắc, ví dụ: 20h, 20:30 hoặc 8 giờ tối.");
      return;
    }
    saveReminder(ctx, value);
  });
}

/**
 * Typed text while onboarding waits for it (a place, a time); true when it was taken. Commands were
 * tried first, so "trợ giúp" in the middle still shows the menu.
 */
export function onboardingInput(ctx: ChatContext): boolean {
  const state = chatState(ctx);
  if (!state || ctx.learner.consent !== "granted") return false;
  const skip = SKIP_WORDS.has(fold(ctx.text));
  switch (state.step) {
    case "province":
      if (skip) skipPlace(ctx);
      else answerPlace(ctx, ctx.services.places.findProvince(ctx.text), "p", saveProvince, "tỉnh hoặc thành phố", "Nghệ An, Hà Nội");
      return true;
    case "commune":
      if (skip) skipPlace(ctx);
      else answerPlace(ctx, ctx.services.places.findCommune(state.province, ctx.text), "c", saveCommune, "xã hoặc phường", communeExample(ctx, state.province));
      return true;
    case "reminder":
    case "reminder-typed":
      if (skip) finish(ctx, null);
      else saveReminder(ctx, ctx.text);
      return true;
    default:
      return false;
  }
}

function consentGiven(ctx: ChatContext): void {
  if (ctx.learner.consent === "granted") {
    ctx.buttons("Bạn đã đồng ý rồi. Cảm ơn bạn! 🙏", START_BUTTONS);
    return;
  }
  ctx.services.learning.learners.update(ctx.learner.id, { consent: "granted" });
  const thanks = "Cảm ơn bạn đã tin tưởng! 🙏";
  if (ctx.services.places.isEmpty()) askReminder(ctx, thanks);
  else askProvince(ctx, thanks);
}

function consentRefused(ctx: ChatContext): void {
  if (ctx.learner.consent === "granted") {
    askToErase(ctx, true);
    return;
  }
  ctx.services.learning.learners.declineConsent(ctx.learner.id);
  setChatState(ctx, null);
  ctx.buttons(
    "Không sao cả, bạn vẫn học được đầy đủ. 😊\n" +
      "Tôi sẽ không lưu nơi ở hay giờ nhắc của bạn, và không tự nhắn nhắc học.\n" +
      `${KEPT_ALWAYS}\n${CERTIFICATE_NAME_IS_PUBLIC}\n` +
      "Nếu đổi ý, bạn nhắn: đồng ý.",
    START_BUTTONS,
  );
}

function askProvince(ctx: ChatContext, before: string): void {
  setChatState(ctx, { step: "province" });
  ctx.buttons(
    `${before}\nBạn đang sống ở tỉnh hoặc thành phố nào? Bạn gõ tên, ví dụ: Nghệ An.\n` +
      "Tôi chỉ dùng để đếm số người học ở địa phương. Không muốn trả lời thì bấm Bỏ qua.",
    [{ type: "query", title: "Bỏ qua", payload: "#place:skip" }],
  );
}

/** `formerly`: the province's name before the 2025 merger, as the person typed it. */
function saveProvince(ctx: ChatContext, place: Place, formerly?: string): void {
  ctx.services.learning.learners.update(ctx.learner.id, { province_code: place.code, commune_code: null });
  setChatState(ctx, { step: "commune", province: place.code });
  const where = formerly ? `Từ 1/7/2025, ${formerly} thuộc ${place.name}.` : `Bạn ở ${place.name}.`;
  ctx.buttons(
    `${where} Còn xã hoặc phường của bạn tên là gì? Ví dụ: ${communeExample(ctx, place.code)}.`,
    [{ type: "query", title: "Không rõ", payload: "#place:skip" }],
  );
}

function saveCommune(ctx: ChatContext, place: Place): void {
  ctx.services.learning.learners.update(ctx.learner.id, { commune_code: place.code });
  askReminder(ctx, `Đã ghi: ${place.name}. Cảm ơn bạn!`);
}

function skipPlace(ctx: ChatContext): void {
  const state = chatState(ctx);
  if (state?.step !== "province" && state?.step !== "commune") {
    ctx.reply(STALE_BUTTON);
    return;
  }
  askReminder(ctx, "Không sao, mình bỏ qua câu này.");
}

function answerPlace(
  ctx: ChatContext,
  found: PlaceMatch,
  kind: "p" | "c",
  save: (ctx: ChatContext, place: Place, formerly?: string) => void,
  what: string,
  example: string,
): void {
  if (found.kind === "one") return save(ctx, found.place, found.formerly);
  if (found.kind === "several") {
    ctx.buttons(
      `Có vài nơi gần giống. Bạn chọn đúng ${what} của mình, hoặc gõ rõ hơn:`,
      found.places.map((p) => ({ type: "query", title: p.name, payload: `#place:${kind}:${p.code}` })),
    );
    return;
  }
  ctx.buttons(`Tôi chưa tìm thấy ${what} này. Bạn gõ lại giúp tôi, ví dụ: ${example}. Có dấu hay không dấu đều được.`, [
    { type: "query", title: "Bỏ qua", payload: "#place:skip" },
  ]);
}

function communeExample(ctx: ChatContext, provinceCode: string): string {
  return ctx.services.places.sampleCommune(provinceCode)?.name ?? "Phường Ba Đình";
}

function askReminder(ctx: ChatContext, before: string): void {
  setChatState(ctx, { step: "reminder" });
  ctx.buttons(
    `${before}\nMỗi ngày bạn muốn tôi nhắc học lúc mấy giờ? Tôi nhắc nhiều nhất 1 lần một ngày và không nhắn ban đêm.\n` +
      "Không cần nhắc thì gõ: bỏ qua.",
    [
      { type: "query", title: "7:00 sáng", payload: "#remind:07:00" },
      { type: "query", title: "12:00 trưa", payload: "#remind:12:00" },
      { type: "query", title: "20:00 tối", payload: "#remind:20:00" },
      { type: "query", title: "Tự nhập giờ", payload: "#remind:typed" },
    ],
  );
}

function saveReminder(ctx: ChatContext, typed: string): void {
  const parsed = parseReminderTime(typed);
  if (parsed.kind === "ok") {
    ctx.services.learning.learners.update(ctx.learner.id, { reminder_time: parsed.time });
    return finish(ctx, parsed.time);
  }
  setChatState(ctx, { step: "reminder-typed" });
  ctx.reply(
    parsed.kind === "quiet"
      ? "Tôi không nhắn từ 21 giờ tối đến 7 giờ sáng để bạn được nghỉ ngơi. Bạn chọn giờ khác nhé, ví dụ: 20h hoặc 6 giờ chiều."
      : "Tôi chưa hiểu giờ này. Bạn gõ lại giúp tôi, ví dụ: 20h, 20:30 hoặc 8 giờ tối. Không cần nhắc thì gõ: bỏ qua.",
  );
}

function finish(ctx: ChatContext, time: string | null): void {
  const wasOnboarding = chatState(ctx) !== null;
  setChatState(ctx, null);
  const when = time ? `Tôi sẽ nhắc bạn học lúc ${time} mỗi ngày. Muốn đổi giờ, bạn nhắn ví dụ: nhắc 20h.` : "Tôi sẽ không nhắc giờ học.";
  ctx.buttons(wasOnboarding ? `Xong rồi! 🎉 ${when}\nMình bắt đầu Bài 1 nhé?` : when, START_BUTTONS);
}
