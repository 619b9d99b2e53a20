import type { Content } from "../../../content/src/index.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { Learning } from "../learning/index.js";
import type { Learner } from "../learning/learners.js";
import type { Outbox } from "../pipeline/outbox.js";
import type { Places } from "../places/places.js";
import type { Outreach } from "../outreach/outreach.js";
import type { ZaloEvent } from "../zalo/events.js";
import type { Button } from "../zalo/messages.js";
import { foldCommand } from "../text.js";

/** What handlers may use. A handler's effects commit in one transaction, with the event's "done" mark. */
export interface ChatServices {
  outbox: Outbox;
  learning: Learning;
  /** Reminders, tips, stop/snooze preferences (outreach/). */
  outreach: Outreach;
  content: Content;
  clock: Clock;
  config: Pick<Config, "MINI_APP_ID" | "PUBLIC_URL" | "TZ" | "PORT">;
  places: Places;
}

/**
 * Per-event context, like grammY's: the event, the learner, and helpers that queue replies in the
 * outbox (never calling Zalo directly).
 */
export class ChatContext {
  /** Button payload or typed text, NFC. */
  readonly text: string;

  constructor(
    readonly event: ZaloEvent,
    readonly userId: string,
    readonly learner: Learner,
    readonly services: ChatServices,
    private readonly inboxId: number,
  ) {
    this.text = (event.text ?? "").normalize("NFC");
  }

  private foldedCommand: string | undefined;
  /** The text folded for command matching ("BÀI  3!" → "bai 3"), computed once for all routes. */
  get command(): string {
    return (this.foldedCommand ??= foldCommand(this.text));
  }

  async reply(text: string): Promise<void> {
    await this.services.outbox.enqueue(this.userId, { type: "text", text }, { kind: "reply", sourceEventId: this.inboxId });
  }

  /** A text with up to 4 buttons. */
  async buttons(text: string, buttons: Button[]): Promise<void> {
    await this.services.outbox.enqueue(this.userId, { type: "text", text, buttons }, { kind: "reply", sourceEventId: this.inboxId });
  }
}
