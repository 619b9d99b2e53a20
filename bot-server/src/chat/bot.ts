import type { ChatContext } from "./context.js";
import { foldCommand } from "../text.js";

export type Handler = (ctx: ChatContext) => Promise<void>;

/** Looks at what a person sent before any route does; resolves true when it took the message. */
export type FirstLook = (ctx: ChatContext) => Promise<boolean>;
type Route = { match: (ctx: ChatContext) => boolean; handler: Handler };

/** A line of the command menu: the menu lists only commands that are really registered. */
export interface MenuEntry {
  example: string;
  help: string;
}

/** "message" = anything a person sends (user_send_*); otherwise a Zalo event name. */
export type EventFilter = "message" | "message:text" | (string & {});

/**
 * The conversation dispatcher: handlers registered by filter, first match wins, in registration
 * order (grammY's composer, without the middleware chain we do not need).
 */
export class Bot {
  private readonly routes: Route[] = [];
  private readonly firstLooks: FirstLook[] = [];
  private fallbackHandler: Handler | null = null;
  readonly menu: MenuEntry[] = [];

  /**
   * Runs before every route, for whatever a person sends: greeting someone new whatever they sent first,
   * or a step that takes typed text when it is exactly what it waits for (asked for their commune, a
   * person in Hồ Chí Minh City who types "Hóc Môn" means the place, not the command "học").
   */
  firstLook(look: FirstLook): this {
    this.firstLooks.push(look);
    return this;
  }

  on(filter: EventFilter | EventFilter[], handler: Handler): this {
    const filters = Array.isArray(filter) ? filter : [filter];
    this.routes.push({ match: (ctx) => filters.some((f) => matchesEvent(f, ctx)), handler });
    return this;
  }

  /**
   * Text commands, matched after folding (case, diacritics, punctuation, spacing): "Trợ giúp",
   * "tro giup!" and "TRỢ GIÚP" are one command. A command may be followed by arguments.
   */
  command(names: string[], handler: Handler, menu?: MenuEntry): this {
    if (menu) this.menu.push(menu);
    const folded = names.map(foldCommand);
    this.routes.push({
      match: (ctx) => {
        if (!isText(ctx)) return false;
        const said = ctx.command;
        return folded.some((n) => said === n || said.startsWith(n + " "));
      },
      handler,
    });
    return this;
  }

  /**
   * Messages a predicate recognises when no command name can, in registration order like every route
   * (grammY's `bot.filter`): any text containing a link, or words that folding makes ambiguous ("bận"
   * busy / "bạn" you, "dừng" stop / "dùng" use: see chat/phrase.ts).
   */
  filter(predicate: (ctx: ChatContext) => boolean, handler: Handler, menu?: MenuEntry): this {
    if (menu) this.menu.push(menu);
    this.routes.push({ match: predicate, handler });
    return this;
  }

  /** Button payloads (hidden queries), which all start with "#": exact name or "name:args". */
  payload(name: string, handler: Handler): this {
    this.routes.push({
      match: (ctx) => isText(ctx) && (ctx.text === `#${name}` || ctx.text.startsWith(`#${name}:`)),
      handler,
    });
    return this;
  }

  fallback(handler: Handler): this {
    this.fallbackHandler = handler;
    return this;
  }

  /** Runs the first matching handler; resolves whether any did. */
  async handle(ctx: ChatContext): Promise<boolean> {
    if (ctx.event.name.startsWith("user_send_")) {
      for (const look of this.firstLooks) if (await look(ctx)) return true;
    }
    const route = this.routes.find((r) => r.match(ctx));
    if (route) {
      await route.handler(ctx);
      return true;
    }
    if (this.fallbackHandler && ctx.event.name.startsWith("user_send_")) {
      await this.fallbackHandler(ctx);
      return true;
    }
    return false;
  }
}

function isText(ctx: ChatContext): boolean {
  return ctx.event.name === "user_send_text";
}

function matchesEvent(filter: EventFilter, ctx: ChatContext): boolean {
  if (filter === "message") return ctx.event.name.startsWith("user_send_");
  if (filter === "message:text") return isText(ctx);
  return ctx.event.name === filter;
}
