import { z } from "zod";
import { checkText, type CheckResult } from "../../checker/index.js";
import { formatCheckReply } from "../../checker/reply.js";
import type { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";
import { fold } from "../../text.js";

/**
 * The link and phone checker in chat. It answers a message that contains a link or a phone number
 * (alone or in a sentence), "kiểm tra <link or number>" / "check <…>", and a link shared with Zalo's
 * share button. Registered before the other text commands, but "kiểm tra" with nothing to check is
 * left to the quiz command, and button payloads ("#…") are never analysed.
 */
export function registerChecker(bot: Bot): void {
  bot.filter((ctx) => resultsFor(ctx).length > 0, (ctx) => ctx.reply(formatCheckReply(resultsFor(ctx))), {
    example: "kiểm tra vietcombank-hotro.com",
    help: "xem một đường link hay số điện thoại có đáng ngờ không",
  });
}

/** Results per event, computed once for the match and the reply. */
const cache = new WeakMap<ChatContext, CheckResult[]>();

function resultsFor(ctx: ChatContext): CheckResult[] {
  let results = cache.get(ctx);
  if (!results) {
    const req = request(ctx);
    results = req ? checkText(req.text, { explicit: req.explicit }) : [];
    cache.set(ctx, results);
  }
  return results;
}

function request(ctx: ChatContext): { text: string; explicit: boolean } | undefined {
  if (ctx.event.name === "user_send_link") {
    const url = sharedLinkUrl(ctx.event.body.message?.attachments);
    return url ? { text: url, explicit: true } : undefined;
  }
  if (ctx.event.name !== "user_send_text" || ctx.text.trimStart().startsWith("#")) return undefined;
  const argument = commandArgument(ctx.text);
  return argument === undefined ? { text: ctx.text, explicit: false } : { text: argument, explicit: true };
}

const sharedLink = z.object({ url: z.string().min(1).max(4_000) }).loose();

/** Zalo's link event: message.attachments[].payload.url (zalo-platform.md, media events). */
function sharedLinkUrl(attachments: { payload?: unknown }[] | undefined): string | undefined {
  for (const a of attachments ?? []) {
    const parsed = sharedLink.safeParse(a.payload);
    if (parsed.success) return parsed.data.url;
  }
  return undefined;
}

/**
 * What follows "kiểm tra" / "kiem tra" / "check" (any case, accents, trailing ":"), or undefined when
 * the text does not start with the command. The rest keeps its exact characters: links must not be folded.
 */
export function commandArgument(text: string): string | undefined {
  const words = [...text.matchAll(/\S+/g)];
  const first = fold(words[0]?.[0] ?? "");
  let used = 0;
  if (first === "check" || first === "kiemtra") used = 1;
  else if (first === "kiem" && fold(words[1]?.[0] ?? "") === "tra") used = 2;
  if (!used) return undefined;
  const last = words[used - 1]!;
  return text.slice(last.index + last[0].length).trim();
}
