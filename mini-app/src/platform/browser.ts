import { OA_ID } from "./oa";
import type { KeyValueStore, Platform } from "./types";

/** localStorage when the browser allows it (private modes may throw), else memory for this visit. */
function browserStorage(): KeyValueStore {
  try {
    const probe = "kns.probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    const ls = window.localStorage;
    return {
      get: (k) => ls.getItem(k),
      set: (k, v) => {
        try {
          ls.setItem(k, v);
        } catch {
          // Quota full: this is only a cache, the server keeps progress.
        }
      },
      remove: (k) => ls.removeItem(k),
    };
  } catch {
    const memory = new Map<string, string>();
    return { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v), remove: (k) => void memory.delete(k) };
  }
}

function openOAPage(): boolean {
  if (!OA_ID) return false;
  window.open(`https://zalo.me/${encodeURIComponent(OA_ID)}`, "_blank", "noopener");
  return true;
}

/** Preview and tests: no Zalo account, so sign-in goes through the server's simulator-only dev route. */
export function createBrowserPlatform(): Platform {
  return {
    kind: "browser",
    storage: browserStorage(),
    signInRequest: async () => ({ path: "/api/auth/dev", body: {} }),
    followOA: async () => (openOAPage() ? "opened" : "unavailable"),
    openChat: async () => openOAPage(),
    async share(link) {
      if (typeof navigator.share === "function") {
        try {
          await navigator.share(link);
          return "shared";
        } catch (err) {
          if (err instanceof DOMException && err.name === "AbortError") return "unavailable";
        }
      }
      try {
        await navigator.clipboard.writeText(`${link.text} ${link.url}`);
        return "copied";
      } catch {
        return "unavailable";
      }
    },
    async saveImage(pngDataUrl, fileName) {
      const a = document.createElement("a");
      a.href = pngDataUrl;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      return true;
    },
    scanQR: async () => null,
    async openExternal(url) {
      // With "noopener" window.open returns null even when the tab opened: nothing to check.
      window.open(url, "_blank", "noopener");
      return true;
    },
  };
}
