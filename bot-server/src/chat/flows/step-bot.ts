import { Bot } from "../bot.js";
import type { ChatContext } from "../context.js";

/** Looks at typed text before the commands; returns true when it took the message. */
export type FirstLook = (ctx: ChatContext) => boolean;

/**
 * The bot, plus steps that see typed text before any command when it is exactly what they wait for:
 * asked for their commune, a person in Hồ Chí Minh City who types "Hóc Môn" means the place, not
 * the command "học". Anything else still goes to the commands first.
 */
export class StepBot extends Bot {
  private readonly firstLooks: FirstLook[] = [];

  firstLook(look: FirstLook): this {
    this.firstLooks.push(look);
    return this;
  }

  override handle(ctx: ChatContext): boolean {
    if (ctx.event.name === "user_send_text" && this.firstLooks.some((look) => look(ctx))) return true;
    return super.handle(ctx);
  }
}
