import { describe, expect, it } from "vitest";
import { ConfigError, isSimulator, loadConfig } from "../src/config.js";
import { exited, spawnServer } from "../../test/support/child.js";

describe("configuration from the environment", () => {
  it("has working defaults: simulator mode, port 3000, Vietnam's time zone", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_PATH).toBe("./data/kynangso.db");
    expect(c.TZ).toBe("Asia/Ho_Chi_Minh");
    expect(c.ZALO_OA_API_BASE).toBe("https://openapi.zalo.me");
    expect(isSimulator(c, false)).toBe(true);
  });

  it("treats empty values as unset and trims trailing slashes from API bases", () => {
    const c = loadConfig({ ZALO_APP_ID: "", ZALO_OA_API_BASE: "http://127.0.0.1:9/", ZALO_OA_ACCESS_TOKEN: "tok" });
    expect(c.ZALO_APP_ID).toBeUndefined();
    expect(c.ZALO_OA_API_BASE).toBe("http://127.0.0.1:9");
    expect(isSimulator(c, false)).toBe(false);
  });

  it("reports one line per bad variable, naming it", () => {
    try {
      loadConfig({ PORT: "abc", TZ: "Mars/Olympus", ZALO_OA_API_BASE: "openapi.zalo.me", ADMIN_TOKEN: "short", OUTBOX_RATE_PER_MINUTE: "-5" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["ADMIN_TOKEN", "OUTBOX_RATE_PER_MINUTE", "PORT", "TZ", "ZALO_OA_API_BASE"]);
    }
  });

  it("stops start-up with a clear message and never prints a secret value", async () => {
    const child = spawnServer({ PORT: "70000", ADMIN_TOKEN: "tiny-secret", ZALO_OA_SECRET_KEY: "super-secret-value", LOG_LEVEL: "info" });
    const { code } = await exited(child);
    expect(code).toBe(1);
    const out = child.output();
    expect(out).toMatch(/config error: PORT: must be a port number/);
    expect(out).toMatch(/config error: ADMIN_TOKEN: must be at least 16 characters/);
    expect(out).not.toContain("tiny-secret");
    expect(out).not.toContain("super-secret-value");
  }, 20_000);
});
