import * as z from "zod/mini";
import type { KeyValueStore } from "../platform";
import { readStored, writeStored } from "../offline/stored-json";

const FirstTouch = z.object({ src: z.optional(z.string()), ref: z.optional(z.string()) });
export type FirstTouch = z.infer<typeof FirstTouch>;

const KEY = "firstTouch";
/** QR and volunteer codes are short ids; anything else in the URL is ignored rather than sent on. */
const CODE = /^[\p{L}\p{N}_.-]{1,64}$/u;

function code(value: string | null): string | undefined {
  const v = value?.trim().normalize("NFC");
  return v && CODE.test(v) ? v : undefined;
}

/**
 * Remembers where the person first came from (`?src=` QR code at the post office, `?ref=` volunteer):
 * the first value seen for each wins, later links never overwrite it (first-touch attribution).
 */
export function recordFirstTouch(store: KeyValueStore, search: string): void {
  const params = new URLSearchParams(search);
  const seen = readStored(store, KEY, FirstTouch) ?? {};
  const src = seen.src ?? code(params.get("src"));
  const ref = seen.ref ?? code(params.get("ref"));
  if (src === seen.src && ref === seen.ref) return;
  writeStored(store, KEY, { ...(src ? { src } : {}), ...(ref ? { ref } : {}) });
}

export function firstTouch(store: KeyValueStore): FirstTouch {
  return readStored(store, KEY, FirstTouch) ?? {};
}
