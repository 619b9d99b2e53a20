import * as z from "zod/mini";
import type { KeyValueStore } from "../platform";
import { readStored, writeStored } from "../offline/stored-json";

/** The steps offered; all CSS is in rem, so scaling the root font scales every screen. */
export const TEXT_SIZES = [100, 125, 150, 175, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
const BASE_PX = 18;
const KEY = "textSize";
const Stored = z.number();

export function applyTextSize(percent: number): void {
  document.documentElement.style.fontSize = `${(BASE_PX * percent) / 100}px`;
}

export function storedTextSize(store: KeyValueStore): TextSize {
  const v = readStored(store, KEY, Stored);
  return (TEXT_SIZES as readonly number[]).includes(v ?? 0) ? (v as TextSize) : 100;
}

/** Only stores it: the caller has applied it already (applyTextSize). */
export function saveTextSize(store: KeyValueStore, percent: TextSize): void {
  writeStored(store, KEY, percent);
}
