import type { Logger } from "pino";
import type { Bot } from "./bot.js";
import { ChatContext, type ChatServices } from "./context.js";
import type { ZaloEvent } from "../zalo/events.js";

/** Handles one stored webhook event; runs inside the transaction that marks the event done. */
export type EventHandler = (event: ZaloEvent, inboxId: number) => Promise<void>;

/**
 * One handler per kind of Zalo event (RapidPro courier's table): what a person says goes to the bot;
 * receipts update the outbox; anything else is stored and ignored.
 */
export function eventTable(bot: Bot, services: ChatServices, log: Logger): (event: ZaloEvent) => EventHandler {
  const toBot: EventHandler = async (event, inboxId) => {
    if (!event.userId) {
      log.warn({ event: event.name }, "event without a user id; ignored");
      return;
    }
    const at = eventTime(event, services.clock.now());
    const { learners } = services.learning;
    const learner =
      event.name === "unfollow"
        ? ((await learners.byZaloUserId(event.userId)) ?? (await learners.touch(event.userId, at, event.appUserId)))
        : await learners.touch(event.userId, at, event.appUserId);
    await bot.handle(new ChatContext(event, event.userId, learner, services, inboxId));
  };
  const receipt =
    (field: "delivered_at" | "seen_at"): EventHandler =>
    async (event) => {
      const ids = event.msgId?.split(",").filter(Boolean) ?? [];
      await services.outbox.markReceipt(ids, field, eventTime(event, services.clock.now()));
    };
  const ignore: EventHandler = async () => {};

  const table: Record<string, EventHandler> = {
    follow: toBot,
    unfollow: toBot,
    user_received_message: receipt("delivered_at"),
    user_seen_message: receipt("seen_at"),
  };
  return (event) => table[event.name] ?? (event.name.startsWith("user_send_") ? toBot : ignore);
}

/** Zalo's timestamp (ms) when sane, else our clock: a bad timestamp must not reopen a closed window. */
function eventTime(event: ZaloEvent, now: Date): Date {
  const ms = Number(event.timestamp);
  return Number.isFinite(ms) && ms > 0 && ms <= now.getTime() + 60_000 ? new Date(ms) : now;
}
