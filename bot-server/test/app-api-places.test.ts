import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAdminUnits } from "../src/places/admin-units-file.js";
import { appApiServer, graphId, VIETNAMESE, type AppApi } from "../../test/support/app-api.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The real list, next to the repository (../shared/data); the test server imports it at start by default.
const FILE = join(REPO_ROOT, "../shared/data/vn-admin-units-2025.json");
const units = readAdminUnits(FILE);

let t: AppApi;
beforeAll(async () => {
  t = await appApiServer({ env: { ADMIN_UNITS_FILE: FILE } });
});
afterAll(async () => {
  await t.stop();
});

describe("GET /api/places/provinces (public)", () => {
  it("lists the 34 provinces of the imported file, code and name only, without signing in", async () => {
    const res = await t.call("GET", "/api/places/provinces");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const provinces = res.body.provinces as { code: string; name: string }[];
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code))).toEqual(new Set(units.map((u) => u.Code)));
    for (const p of provinces) expect(Object.keys(p).sort()).toEqual(["code", "name"]);
    expect(provinces).toContainEqual({ code: "01", name: "Thành phố Hà Nội" });
    expect(provinces.every((p) => p.name === p.name.normalize("NFC"))).toBe(true);
  });

  it("orders them as a Vietnamese reader looks for them: by name without “Tỉnh”/“Thành phố”, đ after d, tones last", async () => {
    const names = ((await t.call("GET", "/api/places/provinces")).body.provinces as { name: string }[]).map((p) => p.name);
    expect(names.slice(0, 10)).toEqual([
      "Tỉnh An Giang",
      "Tỉnh Bắc Ninh",
      "Tỉnh Cà Mau",
      "Tỉnh Cao Bằng",
      "Thành phố Cần Thơ",
      "Thành phố Đà Nẵng",
      "Tỉnh Đắk Lắk",
      "Tỉnh Điện Biên",
      "Thành phố Đồng Nai",
      "Tỉnh Đồng Tháp",
    ]);
    expect(names.at(-1)).toBe("Tỉnh Vĩnh Long");
    expect(names.indexOf("Tỉnh Tây Ninh")).toBeLessThan(names.indexOf("Tỉnh Thái Nguyên"));
  });
});

describe("GET /api/places/provinces/:code/communes (public)", () => {
  it("lists exactly the province's communes from the file, in name order", async () => {
    const res = await t.call("GET", "/api/places/provinces/01/communes");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public/);
    const communes = res.body.communes as { code: string; name: string }[];
    const hanoi = units.find((u) => u.Code === "01")!;
    expect(communes).toHaveLength(hanoi.Wards.length);
    expect(new Set(communes.map((c) => c.code))).toEqual(new Set(hanoi.Wards.map((w) => w.Code)));
    expect(communes).toContainEqual({ code: "00004", name: "Phường Ba Đình" });
    // Phường and Xã mixed, sorted by the name after the kind: "Phường Ba Đình" before "Xã Ba Vì".
    const names = communes.map((c) => c.name);
    expect(names.indexOf("Phường Ba Đình")).toBeLessThan(names.indexOf("Xã Ba Vì"));
    expect(names.indexOf("Xã Ba Vì")).toBeLessThan(names.indexOf("Phường Bạch Mai"));
  });

  it("puts numbered wards in number order and ignores the kind's case", async () => {
    const names = ((await t.call("GET", "/api/places/provinces/22/communes")).body.communes as { name: string }[]).map((c) => c.name);
    const mongCai = names.filter((n) => n.startsWith("Phường Móng Cái"));
    expect(mongCai).toEqual(["Phường Móng Cái 1", "Phường Móng Cái 2", "Phường Móng Cái 3"]);
    const province = units.find((u) => u.Wards.some((w) => w.FullName === "xã Bắc Sơn"))!;
    const list = ((await t.call("GET", `/api/places/provinces/${province.Code}/communes`)).body.communes as { name: string }[]).map((c) => c.name);
    const i = list.indexOf("xã Bắc Sơn");
    expect(i).toBeGreaterThan(0);
    expect(list[i - 1]!.localeCompare("Xã Bắc", "vi")).toBeLessThan(0); // among the B…, not first or last
    expect(list.at(-1)).not.toBe("xã Bắc Sơn");
  });

  it("answers 404 in Vietnamese for a province that does not exist, whatever is typed", async () => {
    for (const code of ["02", "99", "1", "001", "abc", "Hà Nội", "01%20", "%F0%9F%98%80"]) {
      const res = await t.call("GET", `/api/places/provinces/${code}/communes`);
      expect(res.status, code).toBe(404);
      expect(res.body.error).toBe("province_not_found");
      expect(res.body.message).toMatch(VIETNAMESE);
    }
  });
});

describe("PATCH /api/me checks place codes against the imported lists", () => {
  async function consenting(n: number) {
    const { token } = await t.signIn(graphId(n));
    await t.call("PATCH", "/api/me", { token, body: { consent: "granted" } });
    return token;
  }
  const me = async (token: string) => (await t.call("GET", "/api/me", { token })).body.learner;

  it("saves a province and one of its communes", async () => {
    const token = await consenting(101);
    const res = await t.call("PATCH", "/api/me", { token, body: { provinceCode: "79", communeCode: "26878" } });
    expect(res.status).toBe(200);
    expect(res.body.learner).toMatchObject({ provinceCode: "79", communeCode: "26878" });
  });

  it("refuses codes that are well formed but on no list, naming the field, and stores nothing", async () => {
    const token = await consenting(102);
    await t.call("PATCH", "/api/me", { token, body: { provinceCode: "01", communeCode: "00004" } });
    for (const [body, field] of [
      [{ provinceCode: "02" }, "provinceCode"],
      [{ provinceCode: "99", communeCode: "00004" }, "provinceCode"],
      [{ communeCode: "99999" }, "communeCode"],
      [{ provinceCode: "01", communeCode: "00001" }, "communeCode"],
    ] as const) {
      const res = await t.call("PATCH", "/api/me", { token, body: { ...body, reminderTime: "18:00" } });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_input", field });
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    expect(await me(token)).toMatchObject({ provinceCode: "01", communeCode: "00004", reminderTime: null });
  });

  it("refuses a commune of another province (sent, or the one already kept)", async () => {
    const token = await consenting(103);
    const sent = await t.call("PATCH", "/api/me", { token, body: { provinceCode: "79", communeCode: "00004" } });
    expect(sent.body).toMatchObject({ error: "invalid_input", field: "communeCode" });
    expect(sent.body.message).toMatch(/không thuộc/);
    await t.call("PATCH", "/api/me", { token, body: { provinceCode: "79" } });
    const kept = await t.call("PATCH", "/api/me", { token, body: { communeCode: "00004" } });
    expect(kept.body).toMatchObject({ error: "invalid_input", field: "communeCode" });
    expect(await me(token)).toMatchObject({ provinceCode: "79", communeCode: null });
  });

  it("takes the province from a commune sent alone, and drops a commune when the province changes", async () => {
    const token = await consenting(104);
    const alone = await t.call("PATCH", "/api/me", { token, body: { communeCode: "00004" } });
    expect(alone.body.learner).toMatchObject({ provinceCode: "01", communeCode: "00004" });
    const same = await t.call("PATCH", "/api/me", { token, body: { provinceCode: "01" } });
    expect(same.body.learner).toMatchObject({ provinceCode: "01", communeCode: "00004" });
    const moved = await t.call("PATCH", "/api/me", { token, body: { provinceCode: "79" } });
    expect(moved.body.learner).toMatchObject({ provinceCode: "79", communeCode: null });
    await t.call("PATCH", "/api/me", { token, body: { communeCode: "26878" } });
    const cleared = await t.call("PATCH", "/api/me", { token, body: { provinceCode: null } });
    expect(cleared.body.learner).toMatchObject({ provinceCode: null, communeCode: null });
  });

  it("still asks for consent first, and still refuses codes of the wrong shape", async () => {
    const { token } = await t.signIn(graphId(105));
    const noConsent = await t.call("PATCH", "/api/me", { token, body: { provinceCode: "01", communeCode: "00004" } });
    expect(noConsent.body).toMatchObject({ error: "consent_required", field: "communeCode" });
    await t.call("PATCH", "/api/me", { token, body: { consent: "granted" } });
    for (const [body, field] of [
      [{ provinceCode: "1" }, "provinceCode"],
      [{ provinceCode: 1 }, "provinceCode"],
      [{ communeCode: "4" }, "communeCode"],
      [{ communeCode: "００００４" }, "communeCode"],
      [{ communeCode: "00004 " }, "communeCode"],
    ] as const) {
      const res = await t.call("PATCH", "/api/me", { token, body });
      expect(res.body, JSON.stringify(body)).toMatchObject({ error: "invalid_input", field });
    }
  });
});

describe("without an imported list", () => {
  let empty: AppApi;
  beforeAll(async () => {
    empty = await appApiServer({ env: { ADMIN_UNITS_FILE: join(REPO_ROOT, "no-such-units-file.json") } });
  });
  afterAll(async () => {
    await empty.stop();
  });

  it("lists nothing (200, not cached) and accepts any well-formed code, as before", async () => {
    const provinces = await empty.call("GET", "/api/places/provinces");
    expect(provinces.status).toBe(200);
    expect(provinces.body).toEqual({ provinces: [] });
    expect(provinces.headers.get("cache-control")).toBe("no-cache");
    expect((await empty.call("GET", "/api/places/provinces/01/communes")).body).toEqual({ communes: [] });
    const { token } = await empty.signIn(graphId(106));
    const res = await empty.call("PATCH", "/api/me", { token, body: { consent: "granted", provinceCode: "79", communeCode: "00004" } });
    expect(res.status).toBe(200);
    expect(res.body.learner).toMatchObject({ provinceCode: "79", communeCode: "00004" });
  });
});
