import { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";

/** Looks at what a person sent before the commands do; returns true when it took the message. */
export type FirstLook = (ctx: ChatContext) => boolean;

/**
 * The bot, plus looks that run before any command: greeting someone new whatever they sent first, and
 * steps that take typed text when it is exactly what they wait for (asked for their commune, a person
 * in Hồ Chí Minh City who types "Hóc Môn" means the place, not the command "học").
 */
export class StepBot extends Bot {
  private readonly firstLooks: FirstLook[] = [];

  firstLook(look: FirstLook): this {
    this.firstLooks.push(look);
    return this;
  }

  override handle(ctx: ChatContext): boolean {
    if (ctx.event.name.startsWith("user_send_") && this.firstLooks.some((look) => look(ctx))) return true;
    return super.handle(ctx);
  }
}
