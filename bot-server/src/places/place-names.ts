import { fold } from "../chat/text.js";

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
