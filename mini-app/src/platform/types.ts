/** What the app needs from its host (Zalo or a plain browser). Only `zalo.ts` may talk to zmp-sdk. */

/** Small synchronous key-value store: Zalo's nativeStorage inside Zalo, localStorage in a browser. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface HostUser {
  id: string;
  name: string;
  /** OA-scoped id; present only when the person follows the OA linked to the Mini App. */
  idByOA?: string;
}

/** Which sign-in route to call and with what (docs/api.md, "Sign-in"). */
export type SignInRequest =
  | { path: "/api/auth/zalo"; body: { accessToken: string; idByOA?: string } }
  | { path: "/api/auth/dev"; body: { name?: string } };

export type FollowOutcome = "followed" | "opened" | "unavailable";
export type ShareOutcome = "shared" | "copied" | "unavailable";

export interface ShareLink {
  title: string;
  text: string;
  url: string;
}

export interface Platform {
  readonly kind: "zalo" | "browser";
  readonly storage: KeyValueStore;
  signInRequest(): Promise<SignInRequest>;
  followOA(): Promise<FollowOutcome>;
  openChat(message?: string): Promise<boolean>;
  share(link: ShareLink): Promise<ShareOutcome>;
  /** Saves a PNG (data URL) to the phone's photos inside Zalo, or downloads it in a browser. */
  saveImage(pngDataUrl: string, fileName: string): Promise<boolean>;
  /** The text inside a scanned QR code, or null when cancelled or unavailable. */
  scanQR(): Promise<string | null>;
  /**
   * Opens a web page outside the app: Zalo's in-app browser inside Zalo (a plain link would replace the
   * Mini App's page), a new tab in a browser. False when it could not be opened.
   */
  openExternal(url: string): Promise<boolean>;
}
