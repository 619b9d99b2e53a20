import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/db/store.js";
import { createLogger } from "../src/log.js";
import { AdminUnitsFileError, readAdminUnits } from "../src/places/admin-units-file.js";
import { DEFAULT_ADMIN_UNITS_FILE, importPlacesIfEmpty } from "../src/places/auto-import.js";
import { importPlaces } from "../src/places/import-places.js";
import { Places } from "../src/places/places.js";
import { freshDatabaseEnv, openTestStore, tempDbPath } from "../../test/support/database.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The list lives next to the repository (../shared/data), never inside it.
const FILE = join(REPO_ROOT, "../shared/data/vn-admin-units-2025.json");

async function imported() {
  const store = await openTestStore();
  await importPlaces(store, readAdminUnits(FILE));
  return { store, places: new Places(store) };
}

/** The type the database stores a value as ("text" on both stores). */
function typeOf(store: Store, column: string, table: string): Promise<string | undefined> {
  return store.dialect === "sqlite"
    ? store.value<string>(`SELECT typeof(${column}) FROM ${table} LIMIT 1`)
    : store.value<string>(`SELECT pg_typeof(${column})::text FROM ${table} LIMIT 1`);
}

describe("importing the administrative units", () => {
  it("finds the file next to the repository by default", () => {
    expect(DEFAULT_ADMIN_UNITS_FILE).toBe(FILE);
  });

  it("imports 34 provinces and 3,321 communes with their GSO codes as text", async () => {
    const { store, places } = await imported();
    expect(await places.counts()).toEqual({ provinces: 34, communes: 3321 });
    expect(await places.province("01")).toEqual({ code: "01", name: "Thành phố Hà Nội" });
    expect(await places.commune("00004")).toEqual({ code: "00004", name: "Phường Ba Đình", provinceCode: "01" });
    expect(await typeOf(store, "code", "communes")).toBe("text");
    await store.close();
  });

  it("is idempotent: importing twice changes nothing", async () => {
    const { store, places } = await imported();
    const before = await store.all("SELECT * FROM communes ORDER BY code");
    await importPlaces(store, readAdminUnits(FILE));
    expect(await places.counts()).toEqual({ provinces: 34, communes: 3321 });
    expect(await store.all("SELECT * FROM communes ORDER BY code")).toEqual(before);
    await store.close();
  });

  it("rejects a broken file with a message naming it, and imports nothing", () => {
    const dir = dirname(tempDbPath());
    const notJson = join(dir, "broken.json");
    writeFileSync(notJson, "{ not json");
    expect(() => readAdminUnits(notJson)).toThrow(AdminUnitsFileError);
    const wrongShape = join(dir, "wrong.json");
    writeFileSync(wrongShape, JSON.stringify([{ Code: "01", FullName: "Hà Nội", Wards: [{ Code: 4, FullName: "Ba Đình" }] }]));
    expect(() => readAdminUnits(wrongShape)).toThrow(/wrong\.json: not an administrative-units file/);
    const stray = join(dir, "stray.json");
    writeFileSync(stray, JSON.stringify([{ Code: "01", FullName: "Hà Nội", Wards: [{ Code: "00004", FullName: "Ba Đình", ProvinceCode: "02" }] }]));
    expect(() => readAdminUnits(stray)).toThrow(/says province 02/);
  });

  it("at start imports only into empty tables, and skips quietly when there is no file", async () => {
    const store = await openTestStore();
    const places = new Places(store);
    await importPlacesIfEmpty(store, "/nonexistent/units.json", createLogger("silent"));
    expect(await places.isEmpty()).toBe(true);
    await importPlacesIfEmpty(store, FILE, createLogger("silent"));
    expect((await places.counts()).communes).toBe(3321);
    await store.run("DELETE FROM communes WHERE code = '00004'");
    await importPlacesIfEmpty(store, FILE, createLogger("silent"));
    expect(await places.commune("00004")).toBeUndefined(); // not empty: left alone
    await store.close();
  });

  it("npm run places:import loads a file into DATABASE_PATH and says so; a bad file exits 1", async () => {
    const run = promisify(execFile);
    const database = freshDatabaseEnv();
    const env = { ...process.env, ...database, LOG_LEVEL: "silent" };
    const tsx = join(REPO_ROOT, "node_modules/.bin/tsx");
    const ok = await run(tsx, ["bot-server/src/places/import-cli.ts", FILE], { cwd: REPO_ROOT, env });
    expect(ok.stdout).toMatch(/34 provinces, 3321 communes imported/);
    const store = await openTestStore(database);
    expect(await new Places(store).counts()).toEqual({ provinces: 34, communes: 3321 });
    await store.close();
    const bad = join(dirname(tempDbPath()), "bad.json");
    writeFileSync(bad, "[]");
    const failed = await run(tsx, ["bot-server/src/places/import-cli.ts", bad], { cwd: REPO_ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/lists no province/);
  }, 60_000);
});

describe("matching typed place names", () => {
  let store: Store;
  let places: Places;
  beforeAll(async () => {
    ({ store, places } = await imported());
  });
  afterAll(() => store.close());
  const one = async (typed: string) => {
    const m = await places.findProvince(typed);
    return m.kind === "one" ? m.place.name : m.kind;
  };

  it("ignores diacritics, case and the kind of unit", async () => {
    expect(await one("Ha Noi")).toBe("Thành phố Hà Nội");
    expect(await one("hà nội")).toBe("Thành phố Hà Nội");
    expect(await one("THÀNH PHỐ HÀ NỘI")).toBe("Thành phố Hà Nội");
    expect(await one("tỉnh nghệ an")).toBe("Tỉnh Nghệ An");
    expect(await one("Thanh Hóa")).toBe("Tỉnh Thanh Hoá");
    expect(await one("dak lak")).toBe("Tỉnh Đắk Lắk");
    expect(await one("Hue")).toBe("Thành phố Huế");
    expect(await one("hanoi")).toBe("Thành phố Hà Nội");
    expect(await one("DaNang")).toBe("Thành phố Đà Nẵng");
  });

  it("knows everyday names for Hồ Chí Minh City", async () => {
    for (const typed of ["TP HCM", "tp.hcm", "TPHCM", "Sài Gòn", "sai gon", "Hồ Chí Minh"]) expect(await one(typed)).toBe("Thành phố Hồ Chí Minh");
  });

  it("knows provinces by their names before the 1 July 2025 merger", async () => {
    const binhDuong = await places.findProvince("Bình Dương");
    expect(binhDuong).toEqual({ kind: "one", place: { code: "79", name: "Thành phố Hồ Chí Minh" }, formerly: "Bình Dương" });
    expect(await places.findProvince("ba ria vung tau")).toMatchObject({ place: { name: "Thành phố Hồ Chí Minh" } });
    expect(await places.findProvince("Hà Giang")).toMatchObject({ place: { name: "Tỉnh Tuyên Quang" }, formerly: "Hà Giang" });
    expect(await places.findProvince("quang nam")).toMatchObject({ place: { name: "Thành phố Đà Nẵng" } });
    expect(await places.findProvince("Kiên Giang")).toMatchObject({ place: { name: "Tỉnh An Giang" } });
    // A province that kept its name is matched as itself.
    expect(await places.findProvince("Nghệ An")).toEqual({ kind: "one", place: { code: "40", name: "Tỉnh Nghệ An" } });
  });

  it("offers up to 4 choices when several match, and nothing for nonsense", async () => {
    const several = await places.findProvince("Hà");
    expect(several.kind).toBe("several");
    if (several.kind === "several") {
      expect(several.places.length).toBeLessThanOrEqual(4);
      expect(several.places.map((p) => p.name)).toContain("Thành phố Hà Nội");
    }
    expect((await places.findProvince("xyz")).kind).toBe("none");
    expect((await places.findProvince("")).kind).toBe("none");
    expect((await places.findProvince("🙏🙏")).kind).toBe("none");
    expect((await places.findProvince("a".repeat(5000))).kind).toBe("none");
  });

  it("matches communes within their province only", async () => {
    const m = await places.findCommune("01", "ba dinh");
    expect(m).toEqual({ kind: "one", place: { code: "00004", name: "Phường Ba Đình" } });
    expect(await places.findCommune("01", "Phường Ba Đình")).toEqual(m);
    expect(await places.findCommune("01", "badinh")).toEqual(m);
    expect((await places.exactCommune("79", "Hóc Môn"))?.name).toBe("Xã Hóc Môn");
    expect(await places.exactCommune("01", "Hóc Môn")).toBeUndefined();
    expect((await places.findCommune("01", "Hóc Môn")).kind).toBe("none");
  });
});
