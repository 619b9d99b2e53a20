import { Router, type Response } from "express";
import { Places } from "../places/places.js";
import { ApiError } from "./api-error.js";
import type { AppApiDeps } from "./router.js";

/**
 * Lists change only when a new administrative-units file is imported (a restart): an hour of caching
 * spares slow phones the download. An empty list (nothing imported yet) is not cached.
 */
function sendList(res: Response, key: "provinces" | "communes", list: { code: string; name: string }[]): void {
  res.set("Cache-Control", list.length ? "public, max-age=3600" : "no-cache").json({ [key]: list });
}

/**
 * GET /api/places/provinces and /api/places/provinces/:code/communes (public): the pickers for "where do
 * you live", in Vietnamese alphabetical order by name (people look for "Cần Thơ" under C, not by GSO code).
 */
export function placesRouter(deps: AppApiDeps): Router {
  const places = new Places(deps.learning.store);
  const router = Router();
  router.get("/api/places/provinces", async (_req, res) => {
    sendList(res, "provinces", await places.provinces());
  });
  router.get("/api/places/provinces/:code/communes", async (req, res) => {
    if (!(await places.isEmpty()) && !(await places.province(req.params.code))) {
      throw new ApiError(404, "province_not_found", "Không có tỉnh, thành phố này. Bạn chọn lại nhé.");
    }
    sendList(res, "communes", await places.communes(req.params.code));
  });
  return router;
}

interface PlaceChoice {
  provinceCode?: string | null;
  communeCode?: string | null;
}

const unknownPlace = (field: keyof PlaceChoice, message: string) => new ApiError(400, "invalid_input", message, { field });

/**
 * PATCH /api/me's place fields checked against the imported lists: both codes must exist and the commune
 * must lie in the province (the one sent, else the one kept). Returns what to store: a commune alone
 * brings its province; a new province drops a commune that is not in it. Without imported lists the
 * choice is returned as sent (codes were shape-checked already).
 */
export async function checkedPlaceChoice(
  places: Places,
  kept: { province_code: string | null; commune_code: string | null },
  choice: PlaceChoice,
): Promise<PlaceChoice> {
  if (await places.isEmpty()) return choice;
  const out: PlaceChoice = { ...choice };
  if (choice.provinceCode && !(await places.province(choice.provinceCode))) {
    throw unknownPlace("provinceCode", "Không có tỉnh, thành phố này trong danh sách. Bạn chọn lại nhé.");
  }
  const province = choice.provinceCode !== undefined ? choice.provinceCode : kept.province_code;
  if (choice.communeCode) {
    const commune = await places.commune(choice.communeCode);
    if (!commune) throw unknownPlace("communeCode", "Không có xã, phường này trong danh sách. Bạn chọn lại nhé.");
    if (province && commune.provinceCode !== province) {
      throw unknownPlace("communeCode", "Xã, phường này không thuộc tỉnh, thành phố bạn chọn. Bạn chọn lại nhé.");
    }
    out.provinceCode = commune.provinceCode;
  } else if (choice.communeCode === undefined && choice.provinceCode !== undefined && kept.commune_code) {
    // A commune left over from another province (or with the province cleared) would contradict it.
    if ((await places.commune(kept.commune_code))?.provinceCode !== choice.provinceCode) out.communeCode = null;
  }
  return out;
}
