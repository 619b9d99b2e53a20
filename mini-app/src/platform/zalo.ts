// The only module that imports zmp-sdk; loaded with a dynamic import, and only inside Zalo.
import {
  followOA,
  getAccessToken,
  getUserInfo,
  nativeStorage,
  openChat,
  openShareSheet,
  openWebview,
  saveImageToGallery,
  scanQRCode,
} from "zmp-sdk/apis";
import { OA_ID } from "./oa";
import type { HostUser, Platform } from "./types";

async function user(): Promise<HostUser | null> {
  try {
    const { userInfo } = await getUserInfo({});
    return { id: userInfo.id, name: userInfo.name, ...(userInfo.idByOA ? { idByOA: userInfo.idByOA } : {}) };
  } catch {
    return null;
  }
}

/**
 * Zalo's native storage, a cache only (5 MB cap; the server keeps progress). A Zalo too old for it
 * throws on every call (-1404): then the cache lives in memory for this visit, so lessons still open.
 * When native storage is full, a write goes to memory instead, and that key is read from memory from then
 * on (native storage still holds the older value), until it is removed.
 */
function nativeOrMemoryStorage(): Platform["storage"] {
  const memory = new Map<string, string>();
  let native = true;
  /** Runs the native call; false when native storage is unsupported (then memory is used from now on). */
  const onNative = (call: () => void): boolean => {
    if (!native) return false;
    try {
      call();
      return true;
    } catch (err) {
      // setItem also throws when storage is full: only an unsupported API turns native off.
      if (isQuotaError(err)) throw err;
      native = false;
      return false;
    }
  };
  return {
    get(k) {
      const inMemory = memory.get(k);
      if (inMemory !== undefined) return inMemory;
      let value: string | null = null;
      onNative(() => {
        const v = nativeStorage.getItem(k);
        value = typeof v === "string" && v !== "" ? v : null;
      });
      return value;
    },
    set(k, v) {
      try {
        if (onNative(() => nativeStorage.setItem(k, v))) return void memory.delete(k);
      } catch {
        // Full: keep it for this visit.
      }
      memory.set(k, v);
    },
    remove(k) {
      memory.delete(k);
      try {
        onNative(() => nativeStorage.removeItem(k));
      } catch {
        // Removing never fills storage; nothing else to do for a cache.
      }
    },
  };
}

function isQuotaError(err: unknown): boolean {
  const text = err instanceof Error ? err.message : typeof err === "object" && err !== null ? JSON.stringify(err) : String(err);
  return /quota|full|limit|exceed/i.test(text);
}

export function createZaloPlatform(): Platform {
  return {
    kind: "zalo",
    storage: nativeOrMemoryStorage(),
    async signInRequest() {
      const [accessToken, me] = await Promise.all([getAccessToken({}), user()]);
      return { path: "/api/auth/zalo", body: { accessToken, ...(me?.idByOA ? { idByOA: me.idByOA } : {}) } };
    },
    async followOA() {
      if (!OA_ID) return "unavailable";
      try {
        await followOA({ id: OA_ID });
        return "followed";
      } catch {
        return "unavailable";
      }
    },
    async openChat(message) {
      if (!OA_ID) return false;
      try {
        await openChat({ type: "oa", id: OA_ID, ...(message ? { message } : {}) });
        return true;
      } catch {
        return false;
      }
    },
    async share(link) {
      try {
        await openShareSheet({ type: "link", data: { link: link.url } });
        return "shared";
      } catch {
        return "unavailable";
      }
    },
    async saveImage(pngDataUrl) {
      try {
        await saveImageToGallery({ imageBase64Data: pngDataUrl });
        return true;
      } catch {
        return false;
      }
    },
    async openExternal(url) {
      try {
        await openWebview({ url, config: { style: "normal" } });
        return true;
      } catch {
        return false;
      }
    },
    async scanQR() {
      try {
        const { content } = await scanQRCode({});
        return content || null;
      } catch {
        return null;
      }
    },
  };
}
