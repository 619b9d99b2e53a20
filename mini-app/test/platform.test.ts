import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The Zalo side of the adapter, with zmp-sdk faked at its edge (the real one rejects outside Zalo).
const sdk = vi.hoisted(() => {
  const store = new Map<string, string>();
  return {
    store,
    getAccessToken: vi.fn(async () => "zalo-token-123"),
    getUserInfo: vi.fn(async () => ({ userInfo: { id: "5500000000000000001", name: "Bà Lan", avatar: "", idByOA: "2900000000000000007" } })),
    followOA: vi.fn(async () => undefined),
    openChat: vi.fn(async () => undefined),
    openShareSheet: vi.fn(async () => ({})),
    saveImageToGallery: vi.fn(async () => undefined),
    scanQRCode: vi.fn(async () => ({ content: "https://zalo.me/s/123/lesson/4?src=buudien" })),
    openWebview: vi.fn(async () => undefined),
    nativeStorage: {
      getItem: vi.fn((k: string) => store.get(k) ?? ""),
      setItem: vi.fn((k: string, v: string) => void store.set(k, v)),
      removeItem: vi.fn((k: string) => void store.delete(k)),
    },
  };
});
vi.mock("zmp-sdk/apis", () => sdk);
vi.stubEnv("VITE_ZALO_OA_ID", "4318000000000000000");

beforeEach(() => {
  vi.resetModules();
  sdk.store.clear();
});
afterEach(() => {
  delete (window as { APP_ID?: string }).APP_ID;
});

describe("Zalo adapter", () => {
  it("is chosen only inside Zalo (window.APP_ID)", async () => {
    const { insideZalo, platform } = await import("../src/platform");
    expect(insideZalo()).toBe(false);
    expect((await platform()).kind).toBe("browser");
    (window as { APP_ID?: string }).APP_ID = "1234567890";
    vi.resetModules();
    const inside = await import("../src/platform");
    expect(inside.insideZalo()).toBe(true);
    expect((await inside.platform()).kind).toBe("zalo");
  });

  it("signs in with the Zalo access token and the OA-scoped id, as strings", async () => {
    const { createZaloPlatform } = await import("../src/platform/zalo");
    const request = await createZaloPlatform().signInRequest();
    expect(request).toEqual({ path: "/api/auth/zalo", body: { accessToken: "zalo-token-123", idByOA: "2900000000000000007" } });
  });

  it("signs in without idByOA when the person does not follow the OA", async () => {
    sdk.getUserInfo.mockResolvedValueOnce({ userInfo: { id: "55", name: "Ông Ba", avatar: "" } } as never);
    const { createZaloPlatform } = await import("../src/platform/zalo");
    const request = await createZaloPlatform().signInRequest();
    expect(request.body).toEqual({ accessToken: "zalo-token-123" });
  });

  it("keeps data in native storage, where an empty string means absent", async () => {
    const { createZaloPlatform } = await import("../src/platform/zalo");
    const { storage } = createZaloPlatform();
    expect(storage.get("kns.x")).toBeNull();
    storage.set("kns.x", "Bài 1 – ôn tập");
    expect(storage.get("kns.x")).toBe("Bài 1 – ôn tập");
    storage.remove("kns.x");
    expect(storage.get("kns.x")).toBeNull();
    sdk.nativeStorage.setItem.mockImplementationOnce(() => {
      throw new Error("quota");
    });
    expect(() => storage.set("kns.big", "x")).not.toThrow();
  });

  it("when native storage is full, reads back what was kept in memory instead of the older native copy", async () => {
    const { createZaloPlatform } = await import("../src/platform/zalo");
    const { storage } = createZaloPlatform();
    storage.set("certificateState", "trước bài thi");
    sdk.nativeStorage.setItem.mockImplementationOnce(() => {
      throw new Error("Storage quota exceeded");
    });
    storage.set("certificateState", "sau bài thi");
    expect(storage.get("certificateState")).toBe("sau bài thi");
    expect(sdk.store.get("certificateState")).toBe("trước bài thi");
    // Room again: the next write goes to native storage and memory no longer shadows it.
    storage.set("certificateState", "đã có giấy chứng nhận");
    expect(sdk.store.get("certificateState")).toBe("đã có giấy chứng nhận");
    expect(storage.get("certificateState")).toBe("đã có giấy chứng nhận");
    // Removing forgets both copies.
    sdk.nativeStorage.setItem.mockImplementationOnce(() => {
      throw new Error("quota");
    });
    storage.set("certificateState", "tạm");
    storage.remove("certificateState");
    expect(storage.get("certificateState")).toBeNull();
    // Other keys still come from native storage.
    sdk.store.set("progress", "3/12");
    expect(storage.get("progress")).toBe("3/12");
  });

  it("keeps the cache in memory on a Zalo too old for native storage (every call throws -1404)", async () => {
    const unsupported = () => {
      throw { code: -1404, message: "nativeStorage.getItem is not found" };
    };
    sdk.nativeStorage.getItem.mockImplementation(unsupported);
    sdk.nativeStorage.setItem.mockImplementation(unsupported);
    sdk.nativeStorage.removeItem.mockImplementation(unsupported);
    try {
      const { createZaloPlatform } = await import("../src/platform/zalo");
      const { storage } = createZaloPlatform();
      expect(storage.get("kns.lesson.12")).toBeNull();
      storage.set("kns.lesson.12", "Bài 12: Giải trí trực tuyến");
      expect(storage.get("kns.lesson.12")).toBe("Bài 12: Giải trí trực tuyến");
      storage.remove("kns.lesson.12");
      expect(storage.get("kns.lesson.12")).toBeNull();
    } finally {
      sdk.nativeStorage.getItem.mockImplementation((k: string) => sdk.store.get(k) ?? "");
      sdk.nativeStorage.setItem.mockImplementation((k: string, v: string) => void sdk.store.set(k, v));
      sdk.nativeStorage.removeItem.mockImplementation((k: string) => void sdk.store.delete(k));
    }
  });

  it("follows the OA with {id}, opens its chat and shares a link through the share sheet", async () => {
    const { createZaloPlatform } = await import("../src/platform/zalo");
    const p = createZaloPlatform();
    expect(await p.followOA()).toBe("followed");
    expect(sdk.followOA).toHaveBeenCalledWith({ id: "4318000000000000000" });
    expect(await p.openChat("Xin chào")).toBe(true);
    expect(sdk.openChat).toHaveBeenCalledWith({ type: "oa", id: "4318000000000000000", message: "Xin chào" });
    expect(await p.share({ title: "t", text: "x", url: "https://kns.vn/c/ABC" })).toBe("shared");
    expect(sdk.openShareSheet).toHaveBeenCalledWith({ type: "link", data: { link: "https://kns.vn/c/ABC" } });
    expect(await p.scanQR()).toBe("https://zalo.me/s/123/lesson/4?src=buudien");
    expect(await p.openExternal("https://tinnhiemmang.vn")).toBe(true);
    expect(sdk.openWebview).toHaveBeenCalledWith({ url: "https://tinnhiemmang.vn", config: { style: "normal" } });
  });

  it("turns SDK failures into plain outcomes instead of crashes", async () => {
    sdk.followOA.mockRejectedValueOnce({ code: -1404 });
    sdk.openShareSheet.mockRejectedValueOnce({ code: -201 });
    sdk.scanQRCode.mockRejectedValueOnce({ code: -1 });
    sdk.openWebview.mockRejectedValueOnce({ code: -1404 });
    const { createZaloPlatform } = await import("../src/platform/zalo");
    const p = createZaloPlatform();
    expect(await p.openExternal("https://tinnhiemmang.vn")).toBe(false);
    expect(await p.followOA()).toBe("unavailable");
    expect(await p.share({ title: "t", text: "x", url: "u" })).toBe("unavailable");
    expect(await p.scanQR()).toBeNull();
  });
});

describe("browser adapter", () => {
  it("uses the dev sign-in route and localStorage", async () => {
    const { createBrowserPlatform } = await import("../src/platform/browser");
    const p = createBrowserPlatform();
    expect(await p.signInRequest()).toEqual({ path: "/api/auth/dev", body: {} });
    p.storage.set("kns.k", "giá trị");
    expect(window.localStorage.getItem("kns.k")).toBe("giá trị");
    expect(await p.scanQR()).toBeNull();
  });

  it("falls back to memory when localStorage is blocked", async () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    const { createBrowserPlatform } = await import("../src/platform/browser");
    const { storage } = createBrowserPlatform();
    storage.set("kns.k", "v");
    expect(storage.get("kns.k")).toBe("v");
  });

  it("opens the OA page in Zalo's web when asked to follow", async () => {
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    const { createBrowserPlatform } = await import("../src/platform/browser");
    expect(await createBrowserPlatform().followOA()).toBe("opened");
    expect(open).toHaveBeenCalledWith("https://zalo.me/4318000000000000000", "_blank", "noopener");
  });

  it("opens an outside page in a new tab", async () => {
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    const { createBrowserPlatform } = await import("../src/platform/browser");
    expect(await createBrowserPlatform().openExternal("https://tinnhiemmang.vn")).toBe(true);
    expect(open).toHaveBeenCalledWith("https://tinnhiemmang.vn", "_blank", "noopener");
  });

  it("reports when neither share sheet nor clipboard exists", async () => {
    const { createBrowserPlatform } = await import("../src/platform/browser");
    expect(await createBrowserPlatform().share({ title: "t", text: "x", url: "u" })).toBe("unavailable");
  });
});

describe("attempt ids", () => {
  it("are UUID v4 with and without crypto.randomUUID", async () => {
    const { newAttemptId } = await import("../src/offline/attempt-id");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newAttemptId()).toMatch(uuid);
    vi.spyOn(crypto, "randomUUID").mockImplementation(undefined as never);
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 50 }, () => newAttemptId()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(uuid);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
  });
});
