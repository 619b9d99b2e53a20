import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";
import type { AdminUnits } from "./admin-units-file.js";
import { foldPlaceName } from "./place-names.js";

/**
 * Writes provinces and communes in one transaction. Idempotent: a unit already there is updated in
 * place, so importing the same file twice changes nothing and a newer file corrects names.
 */
export function importPlaces(db: Db, units: AdminUnits): { provinces: number; communes: number } {
  return db.transaction(() => {
    const province = sql(
      db,
      `INSERT INTO provinces (code, name, folded) VALUES (?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, folded = excluded.folded`,
    );
    const commune = sql(
      db,
      `INSERT INTO communes (code, province_code, name, folded) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code, name = excluded.name, folded = excluded.folded`,
    );
    let communes = 0;
    for (const p of units) {
      const name = p.FullName.normalize("NFC");
      province.run(p.Code, name, foldPlaceName(name));
      for (const w of p.Wards) {
        const wardName = w.FullName.normalize("NFC");
        commune.run(w.Code, p.Code, wardName, foldPlaceName(wardName));
        communes++;
      }
    }
    return { provinces: units.length, communes };
  }).immediate();
}
