import { buttonsOf as chatButtons, type ChatButton } from "./chat.js";
import type { Delivered } from "./fake-zalo.js";
import { content, FakeClock } from "./learning.js";
import { followEvent, postEvent, startWithFakeZalo, textEvent, userId } from "./server.js";

export { texts } from "./chat.js";

/** Outreach messages carry only hidden-query buttons: the payload is text. */
export type Button = ChatButton & { payload: string };
export const buttonsOf = (d: Delivered | undefined) => chatButtons(d) as Button[];

const DAY = 86_400_000;

/**
 * A real server (inline processing) talking to the fake Zalo, on a fake clock that starts on
 * 2026-11-23 at 10:00 Vietnam time. Events carry the fake clock's time, as Zalo's would.
 */
export async function outreachServer(env: Record<string, string> = {}) {
  const clock = new FakeClock();
  const { fake, server, stop } = await startWithFakeZalo(env, { clock, content: content() });
  const processing = server.processing!;
  const { store } = server;

  /** Moves the fake clock to a local (UTC+7) time, `days` after 2026-11-23. */
  const at = (time: string, days = 0) => {
    clock.t = new Date(Date.parse(`2026-11-23T${time}:00+07:00`) + days * DAY);
  };

  /** Waits until every stored event is handled and every due message has reached the fake Zalo. */
  const settle = async () => {
    const pending = () => store.value<number>(`SELECT COUNT(*) FROM inbox WHERE status = 'pending'`);
    const end = Date.now() + 10_000;
    while ((await pending())! > 0) {
      if (Date.now() > end) throw new Error("inbox did not empty");
      await new Promise((r) => setTimeout(r, 5));
    }
    await server.dispatcher.drain();
  };

  /** What the person received after `from` (an index into their messages). */
  const received = (uid: string, from = 0) => fake.delivered.filter((d) => d.userId === uid).slice(from);

  /** Sends text (or a button payload) through the signed webhook; returns what came back. */
  const say = async (uid: string, text: string) => {
    const before = received(uid).length;
    const res = await postEvent(server.url, textEvent(uid, text, { timestamp: String(clock.now().getTime()) }));
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await settle();
    return received(uid, before);
  };

  const learner = async (uid: string) => (await server.learning.learners.byZaloUserId(uid))!;

  /** Someone who followed the OA and agreed to the data notice (onboarding itself is the chat flow's). */
  let n = 0;
  const person = async (consent: "granted" | "declined" | null = "granted") => {
    const uid = userId(1000 + ++n);
    const event = { ...followEvent(uid), timestamp: String(clock.now().getTime()) };
    await postEvent(server.url, event);
    await settle();
    if (consent) await server.learning.learners.update((await learner(uid)).id, { consent });
    return uid;
  };

  const tick = async () => {
    const report = await processing.scheduler.tick(clock.now());
    await settle();
    return report;
  };

  return { fake, clock, server, store, at, settle, received, say, learner, person, tick, stop };
}
