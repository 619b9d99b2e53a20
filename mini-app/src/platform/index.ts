import { createBrowserPlatform } from "./browser";
import type { Platform } from "./types";

export type { KeyValueStore, Platform } from "./types";

/** Zalo's runtime defines window.APP_ID; a plain browser (preview, tests) does not. */
export function insideZalo(): boolean {
  const id: unknown = (window as { APP_ID?: unknown }).APP_ID;
  return typeof id === "string" && id !== "";
}

let chosen: Promise<Platform> | undefined;

/** The host adapter. zmp-sdk is fetched only inside Zalo, so the browser preview never loads it. */
export function platform(): Promise<Platform> {
  chosen ??= insideZalo() ? import("./zalo").then((m) => m.createZaloPlatform()) : Promise.resolve(createBrowserPlatform());
  return chosen;
}
