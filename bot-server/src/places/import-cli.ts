// `npm run places:import -- <file>`: loads the administrative-units JSON (34 provinces, 3,321 communes)
// into the database at DATABASE_PATH. Safe to run again: existing units are updated, nothing doubles.
import { resolve } from "node:path";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/open.js";
import { AdminUnitsFileError, readAdminUnits } from "./admin-units-file.js";
import { DEFAULT_ADMIN_UNITS_FILE } from "./auto-import.js";
import { importPlaces } from "./import-places.js";

function main(args: string[]): number {
  const config = loadConfig();
  const file = resolve(args[0] ?? config.ADMIN_UNITS_FILE ?? DEFAULT_ADMIN_UNITS_FILE);
  const db = openDatabase(config.DATABASE_PATH);
  try {
    const { provinces, communes } = importPlaces(db, readAdminUnits(file));
    console.log(`places: ${provinces} provinces, ${communes} communes imported from ${file} into ${config.DATABASE_PATH}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AdminUnitsFileError)) throw err;
    console.error(`places: ${err.message}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
