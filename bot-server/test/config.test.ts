import { describe, expect, it } from "vitest";
import { ConfigError, isSimulator, loadConfig, requireRealModeSettings } from "../src/config.js";
import { exited, spawnServer } from "../../test/support/child.js";
import { openTestStore } from "../../test/support/database.js";
import { localEnv, startTestServer } from "../../test/support/server.js";

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

  describe("connected to Zalo (a token pair), PUBLIC_URL is required and must be https", () => {
    const realTokens = { ZALO_OA_ACCESS_TOKEN: "access-secret-value", ZALO_OA_REFRESH_TOKEN: "refresh-secret-value" };

    it.each([
      [undefined, /^PUBLIC_URL: must be set when connected to Zalo/],
      ["", /^PUBLIC_URL: must be set when connected to Zalo/],
      ["http://kynangso.example.vn", /^PUBLIC_URL: must be an https:\/\/ address/],
    ])("PUBLIC_URL=%s is refused", (value, line) => {
      const config = loadConfig({ ...realTokens, ...(value === undefined ? {} : { PUBLIC_URL: value }) });
      try {
        requireRealModeSettings(config);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).problems).toHaveLength(1);
        expect((err as ConfigError).problems[0]).toMatch(line);
      }
    });

    it("an https address passes, and simulator mode needs none", () => {
      expect(() => requireRealModeSettings(loadConfig({ ...realTokens, PUBLIC_URL: "https://kynangso.example.vn/" }))).not.toThrow();
      expect(isSimulator(loadConfig({}), false)).toBe(true);
    });

    it.each([
      [{}, "config error: PUBLIC_URL: must be set when connected to Zalo"],
      [{ PUBLIC_URL: "http://203.0.113.7:3000" }, "config error: PUBLIC_URL: must be an https:// address"],
    ])("start-up stops with one line naming the variable (%o)", async (extra, expected) => {
      const child = spawnServer({ ...localEnv({ LOG_LEVEL: "info", ...realTokens }), ZALO_OA_SECRET_KEY: "super-secret-value", ...extra });
      expect((await exited(child)).code).toBe(1);
      const out = child.output();
      expect(out.trim().split("\n").filter((l) => l.includes("error"))).toEqual([expect.stringContaining(expected)]);
      for (const secret of ["access-secret-value", "refresh-secret-value", "super-secret-value"]) expect(out).not.toContain(secret);
    }, 20_000);

    it("a token pair stored by an earlier run counts too: start-up refuses without PUBLIC_URL", async () => {
      const env = localEnv();
      const store = await openTestStore(env);
      await store.run(`INSERT INTO oa_tokens (id, access_token, refresh_token, updated_at) VALUES (1, 'a', 'r', '')`);
      await store.close();
      await expect(startTestServer(env)).rejects.toMatchObject({ problems: [expect.stringMatching(/^PUBLIC_URL: must be set/)] });
      const server = await startTestServer({ ...env, PUBLIC_URL: "https://kynangso.example.vn" });
      expect(server.mode).toBe("zalo");
      await server.stop();
    });
  });
});
