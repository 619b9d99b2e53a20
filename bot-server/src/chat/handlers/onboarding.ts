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
  bot.firstLook(async (ctx) => {
    const state = await atStep(ctx, "commune");
    const place = state && (await ctx.services.places.exactCommune(state.province, ctx.text));
    if (!place) return false;
    await saveCommune(ctx, place);
    return true;
  });

  bot.payload("consent", async (ctx) => {
    if (ctx.text === "#consent:yes") {
      await consentGiven(ctx);
      return;
    }
    if (ctx.text === "#consent:no") {
      await consentRefused(ctx);
      return;
    }
    await ctx.reply(STALE_BUTTON);
  });
  bot.command(["đồng ý"], consentGiven);
  bot.command(["không đồng ý", "rút đồng ý", "rut lai dong y"], consentRefused, { example: "rút đồng ý", help: "không cho lưu dữ liệu nữa" });

  bot.payload("place", async (ctx) => {
    const [, kind, code = ""] = ctx.text.split(":");
    if (kind === "skip") {
      await skipPlace(ctx);
      return;
    }
    const province = await atStep(ctx, "province");
    const commune = await atStep(ctx, "commune");
    if (kind === "p" && province) {
      const place = await ctx.services.places.province(code);
      if (place) {
        await saveProvince(ctx, place);
        return;
      }
    }
    if (kind === "c" && commune) {
      const place = await ctx.services.places.commune(code);
      if (place && place.provinceCode === commune.province) {
        await saveCommune(ctx, place);
        return;
      }
    }
    await ctx.reply("Nút này đã cũ rồi. Bạn gõ lại tên nơi bạn ở giúp tôi nhé.");
  });

  bot.payload("remind", async (ctx) => {
    if (ctx.learner.consent !== "granted") {
      await ctx.buttons("Để nhắc bạn học, tôi cần lưu giờ nhắc. Bạn đồng ý cho tôi lưu không?", CONSENT_BUTTONS.slice(0, 2));
      return;
    }
    const value = ctx.text.slice("#remind:".length);
    if (value === "typed") {
      await setChatState(ctx, { step: "reminder-typed" });
      await ctx.reply("Bạn gõ giờ muốn được nhắc, ví dụ: 20h, 20:30 hoặc 8 giờ tối.");
      return;
    }
    await saveReminder(ctx, value);
  });
}

/**
 * Typed text while onboarding waits for it (a place, a time); true when it was taken. Commands were
 * tried first, so "trợ giúp" in the middle still shows the menu.
 */
export async function onboardingInput(ctx: ChatContext): Promise<boolean> {
  const state = await chatState(ctx);
  if (!state || ctx.learner.consent !== "granted") return false;
  const skip = SKIP_WORDS.has(fold(ctx.text));
  switch (state.step) {
    case "province":
      if (skip) await skipPlace(ctx);
      else await answerPlace(ctx, await ctx.services.places.findProvince(ctx.text), "p", saveProvince, "tỉnh hoặc thành phố", "Nghệ An, Hà Nội");
      return true;
    case "commune":
      if (skip) await skipPlace(ctx);
      else {
        await answerPlace(
          ctx,
          await ctx.services.places.findCommune(state.province, ctx.text),
          "c",
          saveCommune,
          "xã hoặc phường",
          await communeExample(ctx, state.province),
        );
      }
      return true;
    case "reminder":
    case "reminder-typed":
      if (skip) await finish(ctx, null);
      else await saveReminder(ctx, ctx.text);
      return true;
    default:
      return false;
  }
}

async function consentGiven(ctx: ChatContext): Promise<void> {
  if (ctx.learner.consent === "granted") {
    await ctx.buttons("Bạn đã đồng ý rồi. Cảm ơn bạn! 🙏", START_BUTTONS);
    return;
  }
  await ctx.services.learning.learners.update(ctx.learner.id, { consent: "granted" });
  const thanks = "Cảm ơn bạn đã tin tưởng! 🙏";
  if (await ctx.services.places.isEmpty()) await askReminder(ctx, thanks);
  else await askProvince(ctx, thanks);
}

async function consentRefused(ctx: ChatContext): Promise<void> {
  if (ctx.learner.consent === "granted") {
    await askToErase(ctx, true);
    return;
  }
  await ctx.services.learning.learners.declineConsent(ctx.learner.id);
  await setChatState(ctx, null);
  await ctx.buttons(
    "Không sao cả, bạn vẫn học được đầy đủ. 😊\n" +
      "Tôi sẽ không lưu nơi ở hay giờ nhắc của bạn, và không tự nhắn nhắc học.\n" +
      `${KEPT_ALWAYS}\n${CERTIFICATE_NAME_IS_PUBLIC}\n` +
      "Nếu đổi ý, bạn nhắn: đồng ý.",
    START_BUTTONS,
  );
}

async function askProvince(ctx: ChatContext, before: string): Promise<void> {
  await setChatState(ctx, { step: "province" });
  await ctx.buttons(
    `${before}\nBạn đang sống ở tỉnh hoặc thành phố nào? Bạn gõ tên, ví dụ: Nghệ An.\n` +
      "Tôi chỉ dùng để đếm số người học ở địa phương. Không muốn trả lời thì bấm Bỏ qua.",
    [{ type: "query", title: "Bỏ qua", payload: "#place:skip" }],
  );
}

/** `formerly`: the province's name before the 2025 merger, as the person typed it. */
async function saveProvince(ctx: ChatContext, place: Place, formerly?: string): Promise<void> {
  await ctx.services.learning.learners.update(ctx.learner.id, { province_code: place.code, commune_code: null });
  await setChatState(ctx, { step: "commune", province: place.code });
  const where = formerly ? `Từ 1/7/2025, ${formerly} thuộc ${place.name}.` : `Bạn ở ${place.name}.`;
  await ctx.buttons(
    `${where} Còn xã hoặc phường của bạn tên là gì? Ví dụ: ${await communeExample(ctx, place.code)}.`,
    [{ type: "query", title: "Không rõ", payload: "#place:skip" }],
  );
}

async function saveCommune(ctx: ChatContext, place: Place): Promise<void> {
  await ctx.services.learning.learners.update(ctx.learner.id, { commune_code: place.code });
  await askReminder(ctx, `Đã ghi: ${place.name}. Cảm ơn bạn!`);
}

async function skipPlace(ctx: ChatContext): Promise<void> {
  const state = await chatState(ctx);
  if (state?.step !== "province" && state?.step !== "commune") {
    await ctx.reply(STALE_BUTTON);
    return;
  }
  await askReminder(ctx, "Không sao, mình bỏ qua câu này.");
}

async function answerPlace(
  ctx: ChatContext,
  found: PlaceMatch,
  kind: "p" | "c",
  save: (ctx: ChatContext, place: Place, formerly?: string) => Promise<void>,
  what: string,
  example: string,
): Promise<void> {
  if (found.kind === "one") {
    await save(ctx, found.place, found.formerly);
    return;
  }
  if (found.kind === "several") {
    await ctx.buttons(
      `Có vài nơi gần giống. Bạn chọn đúng ${what} của mình, hoặc gõ rõ hơn:`,
      found.places.map((p) => ({ type: "query", title: p.name, payload: `#place:${kind}:${p.code}` })),
    );
    return;
  }
  await ctx.buttons(`Tôi chưa tìm thấy ${what} này. Bạn gõ lại giúp tôi, ví dụ: ${example}. Có dấu hay không dấu đều được.`, [
    { type: "query", title: "Bỏ qua", payload: "#place:skip" },
  ]);
}

async function communeExample(ctx: ChatContext, provinceCode: string): Promise<string> {
  return (await ctx.services.places.sampleCommune(provinceCode))?.name ?? "Phường Ba Đình";
}

async function askReminder(ctx: ChatContext, before: string): Promise<void> {
  await setChatState(ctx, { step: "reminder" });
  await ctx.buttons(
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

async function saveReminder(ctx: ChatContext, typed: string): Promise<void> {
  const parsed = parseReminderTime(typed);
  if (parsed.kind === "ok") {
    await ctx.services.learning.learners.update(ctx.learner.id, { reminder_time: parsed.time });
    await finish(ctx, parsed.time);
    return;
  }
  await setChatState(ctx, { step: "reminder-typed" });
  await ctx.reply(
    parsed.kind === "quiet"
      ? "Tôi không nhắn từ 21 giờ tối đến 7 giờ sáng để bạn được nghỉ ngơi. Bạn chọn giờ khác nhé, ví dụ: 20h hoặc 6 giờ chiều."
      : "Tôi chưa hiểu giờ này. Bạn gõ lại giúp tôi, ví dụ: 20h, 20:30 hoặc 8 giờ tối. Không cần nhắc thì gõ: bỏ qua.",
  );
}

async function finish(ctx: ChatContext, time: string | null): Promise<void> {
  const wasOnboarding = (await chatState(ctx)) !== null;
  await setChatState(ctx, null);
  const when = time ? `Tôi sẽ nhắc bạn học lúc ${time} mỗi ngày. Muốn đổi giờ, bạn nhắn ví dụ: nhắc 20h.` : "Tôi sẽ không nhắc giờ học.";
  await ctx.buttons(wasOnboarding ? `Xong rồi! 🎉 ${when}\nMình bắt đầu Bài 1 nhé?` : when, START_BUTTONS);
}
