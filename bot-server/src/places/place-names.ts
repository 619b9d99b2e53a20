import { fold } from "../text.js";

/** What a unit is called before its name; people type it or leave it out. */
const KIND_PREFIX = /^(?:tinh|thanh pho|tp|xa|phuong|dac khu)\s+/;

/**
 * A place name folded for matching: no case, diacritics or kind ("Thành phố Hà Nội", "tp ha noi" and
 * "Hà Nội" → "ha noi"; "TP.HCM" → "hcm").
 */
export function foldPlaceName(name: string): string {
  // Once only: "Xã Phường Sơn" would be a place called "Phường Sơn". "tphcm" comes glued.
  return fold(name).replace(/^tphcm\b/, "hcm").replace(KIND_PREFIX, "");
}

/** Everyday names for provinces, folded, to the folded official name. */
export const PROVINCE_ALIASES: Record<string, string> = {
  hcm: "ho chi minh",
  "sai gon": "ho chi minh",
  sg: "ho chi minh",
  hn: "ha noi",
  "thu do": "ha noi",
  hp: "hai phong",
  dn: "da nang",
  ct: "can tho",
};

/**
 * Provinces merged on 1 July 2025, by their old name (folded) → the old name as written and the new
 * province (folded). People keep saying "Bình Dương". Each pair was checked against the units file:
 * the old provincial capital is a ward of the new province (Phường Thủ Dầu Một is in Hồ Chí Minh City).
 */
export const FORMER_PROVINCES: Record<string, { name: string; now: string }> = Object.fromEntries(
  (
    [
      ["Hà Giang", "tuyen quang"],
      ["Yên Bái", "lao cai"],
      ["Bắc Kạn", "thai nguyen"],
      ["Vĩnh Phúc", "phu tho"],
      ["Hòa Bình", "phu tho"],
      ["Bắc Giang", "bac ninh"],
      ["Thái Bình", "hung yen"],
      ["Hải Dương", "hai phong"],
      ["Hà Nam", "ninh binh"],
      ["Nam Định", "ninh binh"],
      ["Quảng Bình", "quang tri"],
      ["Quảng Nam", "da nang"],
      ["Kon Tum", "quang ngai"],
      ["Bình Định", "gia lai"],
      ["Ninh Thuận", "khanh hoa"],
      ["Đắk Nông", "lam dong"],
      ["Bình Thuận", "lam dong"],
      ["Phú Yên", "dak lak"],
      ["Bình Dương", "ho chi minh"],
      ["Bà Rịa - Vũng Tàu", "ho chi minh"],
      ["Vũng Tàu", "ho chi minh"],
      ["Bình Phước", "dong nai"],
      ["Long An", "tay ninh"],
      ["Sóc Trăng", "can tho"],
      ["Hậu Giang", "can tho"],
      ["Bến Tre", "vinh long"],
      ["Trà Vinh", "vinh long"],
      ["Tiền Giang", "dong thap"],
      ["Bạc Liêu", "ca mau"],
      ["Kiên Giang", "an giang"],
    ] as const
  ).map(([name, now]) => [foldPlaceName(name), { name, now }]),
);
