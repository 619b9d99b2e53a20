import * as z from "zod/mini";
import { authedJson } from "../auth/session";
import { platform } from "../platform";
import { postJson, RequestError } from "./http";
import { readStored, writeStored } from "./stored-json";

/**
 * Writes that must reach the server even on a bad network (quiz answers, "lesson done"). Every route used
 * here is idempotent (docs/api.md), so sending an item twice is harmless; items keep their order.
 */
const Item = z.object({ id: z.string(), path: z.string(), body: z.unknown() });
export type OutboxItem = z.infer<typeof Item>;
const Items = z.array(Item);
const KEY = "outbox";
const Anything = { parse: (v: unknown) => v };

type Listener = (pending: number) => void;
const listeners = new Set<Listener>();

async function load(): Promise<OutboxItem[]> {
  return readStored((await platform()).storage, KEY, Items) ?? [];
}

async function save(items: OutboxItem[]): Promise<void> {
  writeStored((await platform()).storage, KEY, items);
  for (const l of listeners) l(items.length);
}

/** Calls `listener` with the number of items still waiting, now and after each change. */
export function watchOutbox(listener: Listener): () => void {
  listeners.add(listener);
  void load().then((items) => listeners.has(listener) && listener(items.length));
  return () => void listeners.delete(listener);
}

/** Queues a write (a repeat of the same id is ignored) and tries to send at once. */
export async function enqueue(item: OutboxItem): Promise<void> {
  const items = await load();
  if (!items.some((i) => i.id === item.id)) await save([...items, item]);
  await flushOutbox();
}

let running: Promise<void> | null = null;
let rerun = false;

/** Sends what is waiting, in order; stops at the first network, server or sign-in failure and keeps the rest. */
async function drain(): Promise<void> {
  for (;;) {
    const [next] = await load();
    if (!next) return;
    try {
      await authedJson(next.path, Anything, postJson(next.body));
    } catch (err) {
      if (!(err instanceof RequestError) || err.kind !== "rejected") return;
      // 4xx on the item itself: the server will never accept it (e.g. a lesson that no longer exists).
    }
    await save((await load()).filter((i) => i.id !== next.id));
  }
}

/** One drain at a time; a call that arrives meanwhile runs one more pass so its item is not missed. */
export function flushOutbox(): Promise<void> {
  if (running) {
    rerun = true;
    return running;
  }
  running = (async () => {
    do {
      rerun = false;
      await drain();
    } while (rerun);
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Sends leftovers from an earlier visit now and whenever the network comes back. */
export function startOutbox(): () => void {
  const onOnline = () => void flushOutbox();
  window.addEventListener("online", onOnline);
  void flushOutbox();
  return () => window.removeEventListener("online", onOnline);
}
