import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { Store } from "../db/store.js";
import { readAdminUnits } from "./admin-units-file.js";
import { importPlaces } from "./import-places.js";
import { Places } from "./places.js";

/** The repository's root, found from this module's own location (not the working directory). */
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Where the list is looked for when ADMIN_UNITS_FILE is not set: next to the repository, never in it. */
export const DEFAULT_ADMIN_UNITS_FILE = resolve(REPO_ROOT, "../shared/data/vn-admin-units-2025.json");

/**
 * At start: fills the place tables from the file when they are empty. Logs one line either way; a
 * missing file is not an error (the chat then skips the place question), a broken one is.
 */
export async function importPlacesIfEmpty(store: Store, file: string | undefined, log: Logger): Promise<void> {
  const places = new Places(store);
  if (!(await places.isEmpty())) {
    log.info(await places.counts(), "places: already imported");
    return;
  }
  const path = resolve(file ?? DEFAULT_ADMIN_UNITS_FILE);
  if (!existsSync(path)) {
    log.warn({ path }, "places: no administrative-units file; the chat will not ask where people live");
    return;
  }
  const counts = await importPlaces(store, readAdminUnits(path));
  log.info({ ...counts, path }, "places: imported");
}
