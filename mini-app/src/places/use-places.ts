import { useCached } from "../offline/use-cached";
import { fetchCommunes, fetchProvinces } from "./api";
import { communesKey, PlaceList, type Place } from "./schemas";

// Kept on the phone after the first load (Settings then shows names offline): the lists change only
// when the country's map does.
export const useProvinces = () => useCached("places.provinces", PlaceList, fetchProvinces);

export const useCommunes = (provinceCode: string) => useCached(communesKey(provinceCode), PlaceList, () => fetchCommunes(provinceCode));

export const nameOf = (list: Place[], code: string | null): string | null => (code ? (list.find((p) => p.code === code)?.name ?? null) : null);
