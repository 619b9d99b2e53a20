import { useCached } from "../offline/use-cached";
import { fetchCommunes, fetchProvinces } from "./api";
import { communesKey, PlaceList, type Place } from "./schemas";

// Kept on the phone after the first load (Settings then shows names offline): the lists change only
// when the country's map does.
export const useProvinces = () => useCached("places.provinces", PlaceList, fetchProvinces);

export const useCommunes = (provinceCode: string) => useCached(communesKey(provinceCode), PlaceList, () => fetchCommunes(provinceCode));

export const nameOf = (list: Place[], code: string | null): string | null => (code ? (list.find((p) => p.code === code)?.name ?? null) : null);

const KIND = /^(tỉnh|thành phố|xã|phường|đặc khu)\s+(.+)$/iu;

/**
 * A closed select shows only its first words, and at 200 % text "Thành phố …" or "Phường …" is all that
 * fits: the option puts the distinctive name first ("An Hội Đông (phường)"), as the list is sorted.
 */
export function optionLabel(name: string): string {
  const m = KIND.exec(name);
  return m ? `${m[2]} (${m[1]!.toLowerCase()})` : name;
}
