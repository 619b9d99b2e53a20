import type { KeyValueStore } from "../platform";
import type { Parser } from "./http";

/** Every key this app writes starts with this, so "Xóa dữ liệu của tôi" can wipe them all. */
const KEY_PREFIX = "kns.";

/** The stored text as written, e.g. to tell whether a fresh value differs from it. */
export function readStoredText(store: KeyValueStore, key: string): string | null {
  return store.get(KEY_PREFIX + key);
}

/** Reads a JSON value; anything missing, corrupt or of an older shape counts as absent. */
export function readStored<T>(store: KeyValueStore, key: string, parser: Parser<T>): T | null {
  const raw = readStoredText(store, key);
  if (raw === null) return null;
  try {
    return parser.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function writeStored(store: KeyValueStore, key: string, value: unknown): void {
  store.set(KEY_PREFIX + key, JSON.stringify(value));
}

export function removeStored(store: KeyValueStore, key: string): void {
  store.remove(KEY_PREFIX + key);
}
