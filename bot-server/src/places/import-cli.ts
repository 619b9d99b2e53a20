// `npm run places:import -- <file>`: loads the administrative-units JSON (34 provinces, 3,321 communes)
// into the database (DATABASE_URL, else the SQLite file at DATABASE_PATH). Safe to run again: existing units are updated, nothing doubles.
import { resolve } from "node:path";
import { loadConfig } from "../config.js";
import { openStore } from "../db/open.js";
import { AdminUnitsFileError, readAdminUnits } from "./admin-units-file.js";
import { DEFAULT_ADMIN_UNITS_FILE } from "./auto-import.js";
import { importPlaces } from "./import-places.js";

async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  const file = resolve(args[0] ?? config.ADMIN_UNITS_FILE ?? DEFAULT_ADMIN_UNITS_FILE);
  const store = await openStore(config);
  try {
    const { provinces, communes } = await importPlaces(store, readAdminUnits(file));
    const where = config.DATABASE_URL ? "PostgreSQL" : config.DATABASE_PATH;
    console.log(`places: ${provinces} provinces, ${communes} communes imported from ${file} into ${where}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AdminUnitsFileError)) throw err;
    console.error(`places: ${err.message}`);
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
