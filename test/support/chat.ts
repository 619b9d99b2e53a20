import type { Clock } from "../../bot-server/src/clock.js";
import type { Store } from "../../bot-server/src/db/store.js";
import type { Delivered } from "./fake-zalo.js";
import { followEvent, postEvent, startWithFakeZalo, textEvent, userId } from "./server.js";

export interface ChatButton {
  title: string;
  type: string;
  payload: string | { url: string };
}

/** One message as the person sees it in Zalo: its text and buttons. */
export interface ChatMessage {
  text: string;
  buttons: ChatButton[];
}

/** Stored events not yet handled plus messages not yet sent. */
export async function pendingWork(store: Store): Promise<number> {
  const n = await store.value<number>(
    `SELECT (SELECT COUNT(*) FROM inbox WHERE status = 'pending') + (SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending'))`,
  );
  return n!;
}

/**
 * The whole product on the real path for chat tests: signed webhook events in over HTTP, the inbox
 * worker and dispatcher, CS messages out to the fake Zalo.
 */
export async function startChat(options: { env?: Record<string, string>; clock?: Clock } = {}) {
  const { fake, server, stop } = await startWithFakeZalo(options.env, options.clock ? { clock: options.clock } : {});

  /** Waits until every stored event is handled and every queued message sent. */
  const settle = () => fake.waitFor(async () => (await pendingWork(server.store)) === 0, 10_000, "inbox and outbox to drain");

  let people = 0;
  /** A citizen chatting with the OA; each action returns the messages the bot sent back. */
  const person = (n = ++people) => {
    const id = userId(1000 + n);
    let seen = 0;
    const send = async (event: Record<string, unknown>): Promise<ChatMessage[]> => {
      const res = await postEvent(server.url, event);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await settle();
      const mine = fake.delivered.filter((d) => d.userId === id);
      const fresh = mine.slice(seen).map(toMessage);
      seen = mine.length;
      return fresh;
    };
    return {
      id,
      say: (text: string, extra: Record<string, unknown> = {}) => send(textEvent(id, text, extra)),
      /** A hidden-query button tap arrives as the payload text (zalo-platform.md A3). */
      tap: (button: ChatButton | string) => send(textEvent(id, typeof button === "string" ? button : String(button.payload))),
      follow: (source?: string) => send(followEvent(id, source)),
      send,
      learner: () => server.learning.learners.byZaloUserId(id),
    };
  };

  return {
    fake,
    server,
    person,
    settle,
    stop,
  };
}

export type Person = ReturnType<Awaited<ReturnType<typeof startChat>>["person"]>;

function toMessage(d: Delivered): ChatMessage {
  return { text: d.text ?? "", buttons: buttonsOf(d) };
}

/** The buttons of a message as delivered to the fake Zalo. */
export function buttonsOf(d: Delivered | undefined): ChatButton[] {
  const message = d?.body.message as { attachment?: { payload?: { buttons?: ChatButton[] } } } | undefined;
  return message?.attachment?.payload?.buttons ?? [];
}

/** The texts of several messages, as one string to search. */
export const texts = (messages: { text: string | undefined }[]) => messages.map((m) => m.text ?? "").join("\n---\n");

/** The button with this title on the last message that has it. */
export function button(messages: ChatMessage[], title: string | RegExp): ChatButton {
  for (const m of [...messages].reverse()) {
    const b = m.buttons.find((x) => (typeof title === "string" ? x.title === title : title.test(x.title)));
    if (b) return b;
  }
  throw new Error(`no button ${String(title)} in: ${JSON.stringify(messages.map((m) => m.buttons.map((b) => b.title)))}`);
}

export function lastText(messages: ChatMessage[]): string {
  return messages[messages.length - 1]?.text ?? "";
}

export function allText(messages: ChatMessage[]): string {
  return texts(messages);
}

/** Follows and gets through onboarding: consent given (place and reminder skipped) or declined. */
export async function onboard(p: Person, consent: "yes" | "no"): Promise<Person> {
  await p.follow();
  await p.tap(`#consent:${consent}`);
  if (consent === "yes") {
    await p.say("bỏ qua");
    await p.say("bỏ qua");
  }
  return p;
}
