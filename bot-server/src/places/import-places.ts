import type { SqlValue, Store } from "../db/store.js";
import type { AdminUnits } from "./admin-units-file.js";
import { foldPlaceName } from "./place-names.js";

/**
 * Writes provinces and communes in one transaction. Idempotent: a unit already there is updated in
 * place, so importing the same file twice changes nothing and a newer file corrects names.
 */
export function importPlaces(store: Store, units: AdminUnits): Promise<{ provinces: number; communes: number }> {
  const provinces: SqlValue[][] = [];
  const communes: SqlValue[][] = [];
  for (const p of units) {
    const name = p.FullName.normalize("NFC");
    provinces.push([p.Code, name, foldPlaceName(name)]);
    for (const w of p.Wards) {
      const wardName = w.FullName.normalize("NFC");
      communes.push([w.Code, p.Code, wardName, foldPlaceName(wardName)]);
    }
  }
  return store.transaction(async () => {
    await insertRows(store, "INSERT INTO provinces (code, name, folded)", provinces, "ON CONFLICT (code) DO UPDATE SET name = excluded.name, folded = excluded.folded");
    await insertRows(
      store,
      "INSERT INTO communes (code, province_code, name, folded)",
      communes,
      "ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code, name = excluded.name, folded = excluded.folded",
    );
    return { provinces: provinces.length, communes: communes.length };
  });
}

/** Many rows a statement (a few hundred at a time): one round trip each, not one per row. */
async function insertRows(store: Store, insert: string, rows: SqlValue[][], onConflict: string): Promise<void> {
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const tuples = chunk.map((r) => `(${r.map(() => "?").join(", ")})`).join(", ");
    await store.run(`${insert} VALUES ${tuples} ${onConflict}`, chunk.flat());
  }
}
