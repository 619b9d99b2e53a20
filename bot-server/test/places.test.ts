import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open.js";
import { createLogger } from "../src/log.js";
import { AdminUnitsFileError, readAdminUnits } from "../src/places/admin-units-file.js";
import { DEFAULT_ADMIN_UNITS_FILE, importPlacesIfEmpty } from "../src/places/auto-import.js";
import { importPlaces } from "../src/places/import-places.js";
import { Places } from "../src/places/places.js";
import { tempDbPath } from "../../test/support/server.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The list lives next to the repository (../shared/data), never inside it.
const FILE = join(REPO_ROOT, "../shared/data/vn-admin-units-2025.json");

function imported() {
  const db = openDatabase(tempDbPath());
  importPlaces(db, readAdminUnits(FILE));
  return { db, places: new Places(db) };
}

describe("importing the administrative units", () => {
  it("finds the file next to the repository by default", () => {
    expect(DEFAULT_ADMIN_UNITS_FILE).toBe(FILE);
  });

  it("imports 34 provinces and 3,321 communes with their GSO codes as text", () => {
    const { db, places } = imported();
    expect(places.counts()).toEqual({ provinces: 34, communes: 3321 });
    expect(places.province("01")).toEqual({ code: "01", name: "Thành phố Hà Nội" });
    expect(places.commune("00004")).toEqual({ code: "00004", name: "Phường Ba Đình", provinceCode: "01" });
    expect(db.prepare("SELECT typeof(code) FROM communes LIMIT 1").pluck().get()).toBe("text");
  });

  it("is idempotent: importing twice changes nothing", () => {
    const { db, places } = imported();
    const before = db.prepare("SELECT * FROM communes ORDER BY code").all();
    importPlaces(db, readAdminUnits(FILE));
    expect(places.counts()).toEqual({ provinces: 34, communes: 3321 });
    expect(db.prepare("SELECT * FROM communes ORDER BY code").all()).toEqual(before);
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

  it("at start imports only into empty tables, and skips quietly when there is no file", () => {
    const db = openDatabase(tempDbPath());
    const places = new Places(db);
    importPlacesIfEmpty(db, "/nonexistent/units.json", createLogger("silent"));
    expect(places.isEmpty()).toBe(true);
    importPlacesIfEmpty(db, FILE, createLogger("silent"));
    expect(places.counts().communes).toBe(3321);
    db.prepare("DELETE FROM communes WHERE code = '00004'").run();
    importPlacesIfEmpty(db, FILE, createLogger("silent"));
    expect(places.commune("00004")).toBeUndefined(); // not empty: left alone
  });

  it("npm run places:import loads a file into DATABASE_PATH and says so; a bad file exits 1", async () => {
    const run = promisify(execFile);
    const dbPath = tempDbPath();
    const env = { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: "silent" };
    const tsx = join(REPO_ROOT, "node_modules/.bin/tsx");
    const ok = await run(tsx, ["bot-server/src/places/import-cli.ts", FILE], { cwd: REPO_ROOT, env });
    expect(ok.stdout).toMatch(/34 provinces, 3321 communes imported/);
    const db = openDatabase(dbPath);
    expect(new Places(db).counts()).toEqual({ provinces: 34, communes: 3321 });
    db.close();
    const bad = join(dirname(dbPath), "bad.json");
    writeFileSync(bad, "[]");
    const failed = await run(tsx, ["bot-server/src/places/import-cli.ts", bad], { cwd: REPO_ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/lists no province/);
  }, 60_000);
});

describe("matching typed place names", () => {
  const { places } = imported();
  const one = (typed: string) => {
    const m = places.findProvince(typed);
    return m.kind === "one" ? m.place.name : m.kind;
  };

  it("ignores diacritics, case and the kind of unit", () => {
    expect(one("Ha Noi")).toBe("Thành phố Hà Nội");
    expect(one("hà nội")).toBe("Thành phố Hà Nội");
    expect(one("THÀNH PHỐ HÀ NỘI")).toBe("Thành phố Hà Nội");
    expect(one("tỉnh nghệ an")).toBe("Tỉnh Nghệ An");
    expect(one("Thanh Hóa")).toBe("Tỉnh Thanh Hoá");
    expect(one("dak lak")).toBe("Tỉnh Đắk Lắk");
    expect(one("Hue")).toBe("Thành phố Huế");
    expect(one("hanoi")).toBe("Thành phố Hà Nội");
    expect(one("DaNang")).toBe("Thành phố Đà Nẵng");
  });

  it("knows everyday names for Hồ Chí Minh City", () => {
    for (const typed of ["TP HCM", "tp.hcm", "TPHCM", "Sài Gòn", "sai gon", "Hồ Chí Minh"]) expect(one(typed)).toBe("Thành phố Hồ Chí Minh");
  });

  it("knows provinces by their names before the 1 July 2025 merger", () => {
    const binhDuong = places.findProvince("Bình Dương");
    expect(binhDuong).toEqual({ kind: "one", place: { code: "79", name: "Thành phố Hồ Chí Minh" }, formerly: "Bình Dương" });
    expect(places.findProvince("ba ria vung tau")).toMatchObject({ place: { name: "Thành phố Hồ Chí Minh" } });
    expect(places.findProvince("Hà Giang")).toMatchObject({ place: { name: "Tỉnh Tuyên Quang" }, formerly: "Hà Giang" });
    expect(places.findProvince("quang nam")).toMatchObject({ place: { name: "Thành phố Đà Nẵng" } });
    expect(places.findProvince("Kiên Giang")).toMatchObject({ place: { name: "Tỉnh An Giang" } });
    // A province that kept its name is matched as itself.
    expect(places.findProvince("Nghệ An")).toEqual({ kind: "one", place: { code: "40", name: "Tỉnh Nghệ An" } });
  });

  it("offers up to 4 choices when several match, and nothing for nonsense", () => {
    const several = places.findProvince("Hà");
    expect(several.kind).toBe("several");
    if (several.kind === "several") {
      expect(several.places.length).toBeLessThanOrEqual(4);
      expect(several.places.map((p) => p.name)).toContain("Thành phố Hà Nội");
    }
    expect(places.findProvince("xyz").kind).toBe("none");
    expect(places.findProvince("").kind).toBe("none");
    expect(places.findProvince("🙏🙏").kind).toBe("none");
    expect(places.findProvince("a".repeat(5000)).kind).toBe("none");
  });

  it("matches communes within their province only", () => {
    const m = places.findCommune("01", "ba dinh");
    expect(m).toEqual({ kind: "one", place: { code: "00004", name: "Phường Ba Đình" } });
    expect(places.findCommune("01", "Phường Ba Đình")).toEqual(m);
    expect(places.findCommune("01", "badinh")).toEqual(m);
    expect(places.exactCommune("79", "Hóc Môn")?.name).toBe("Xã Hóc Môn");
    expect(places.exactCommune("01", "Hóc Môn")).toBeUndefined();
    expect(places.findCommune("01", "Hóc Môn").kind).toBe("none");
  });
});
