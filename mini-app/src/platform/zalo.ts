// The only module that imports zmp-sdk; loaded with a dynamic import, and only inside Zalo.
import {
  followOA,
  getAccessToken,
  getUserInfo,
  nativeStorage,
  openChat,
  openShareSheet,
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

export function createZaloPlatform(): Platform {
  return {
    kind: "zalo",
    storage: {
      get: (k) => {
        const v = nativeStorage.getItem(k);
        return typeof v === "string" && v !== "" ? v : null;
      },
      set: (k, v) => {
        try {
          nativeStorage.setItem(k, v);
        } catch {
          // Storage full (5 MB cap): this is only a cache, the server keeps progress.
        }
      },
      remove: (k) => nativeStorage.removeItem(k),
    },
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
