import type { Store } from "../db/store.js";
import { FORMER_PROVINCES, foldPlaceName, PROVINCE_ALIASES } from "./place-names.js";

export interface Place {
  code: string;
  name: string;
}

interface Row extends Place {
  folded: string;
}

/** What a typed name matched: one place (maybe by its name before the 2025 merger), a few, or nothing. */
export type PlaceMatch =
  | { kind: "one"; place: Place; formerly?: string }
  | { kind: "several"; places: Place[] }
  | { kind: "none" };

const MAX_CHOICES = 4;

/** What a unit is called before its name: ignored when ordering, so "Tỉnh An Giang" sorts under A. */
const KIND_WORDS = /^(?:tỉnh|thành phố|xã|phường|đặc khu)\s+/iu;
/** Vietnamese order (a ă â b c d đ …; tones only break ties), numbers by value ("Phường 2" before "Phường 10"). */
const VIETNAMESE_ORDER = new Intl.Collator("vi", { numeric: true });

/** Places as a list people scan: by name without its kind, in Vietnamese alphabetical order. */
export function inNameOrder(places: Place[]): Place[] {
  const key = (p: Place) => p.name.replace(KIND_WORDS, "");
  return [...places].sort((a, b) => VIETNAMESE_ORDER.compare(key(a), key(b)) || VIETNAMESE_ORDER.compare(a.name, b.name));
}

/** Provinces and communes for the chat's "where do you live" question and for reports. */
export class Places {
  constructor(private readonly store: Store) {}

  /** No list imported: the chat skips the question. */
  async isEmpty(): Promise<boolean> {
    return (await this.store.value(`SELECT 1 FROM provinces LIMIT 1`)) === undefined;
  }

  async counts(): Promise<{ provinces: number; communes: number }> {
    return {
      provinces: (await this.store.value<number>(`SELECT COUNT(*) FROM provinces`))!,
      communes: (await this.store.value<number>(`SELECT COUNT(*) FROM communes`))!,
    };
  }

  province(code: string): Promise<Place | undefined> {
    return this.store.get<Place>(`SELECT code, name FROM provinces WHERE code = ?`, [code]);
  }

  commune(code: string): Promise<(Place & { provinceCode: string }) | undefined> {
    // A quoted alias: PostgreSQL folds unquoted names to lower case.
    return this.store.get(`SELECT code, name, province_code AS "provinceCode" FROM communes WHERE code = ?`, [code]);
  }

  /** All provinces, for a picker. */
  async provinces(): Promise<Place[]> {
    return inNameOrder(await this.store.all<Place>(`SELECT code, name FROM provinces`));
  }

  /** The communes of one province, for a picker (empty for an unknown province). */
  async communes(provinceCode: string): Promise<Place[]> {
    return inNameOrder(await this.store.all<Place>(`SELECT code, name FROM communes WHERE province_code = ?`, [provinceCode]));
  }

  /** A commune of the province to show as an example of what to type. */
  sampleCommune(provinceCode: string): Promise<Place | undefined> {
    return this.store.get<Place>(`SELECT code, name FROM communes WHERE province_code = ? ORDER BY code LIMIT 1`, [provinceCode]);
  }

  async findProvince(typed: string): Promise<PlaceMatch> {
    const rows = await this.store.all<Row>(`SELECT code, name, folded FROM provinces ORDER BY code`);
    const q = foldPlaceName(typed);
    const former = FORMER_PROVINCES[q];
    if (former) {
      const now = rows.find((r) => r.folded === former.now);
      if (now) return { kind: "one", place: strip(now), formerly: former.name };
    }
    return match(rows, PROVINCE_ALIASES[q] ?? q);
  }

  async findCommune(provinceCode: string, typed: string): Promise<PlaceMatch> {
    const rows = await this.store.all<Row>(`SELECT code, name, folded FROM communes WHERE province_code = ? ORDER BY code`, [provinceCode]);
    return match(rows, foldPlaceName(typed));
  }

  /** Only an exact name: used before commands, so "Hóc Môn" is a place and not "học". */
  async exactCommune(provinceCode: string, typed: string): Promise<Place | undefined> {
    const q = foldPlaceName(typed);
    const rows = await this.store.all<Place>(`SELECT code, name FROM communes WHERE province_code = ? AND folded = ?`, [provinceCode, q]);
    return rows.length === 1 ? rows[0] : undefined;
  }
}

/**
 * Exact folded name first (spaces optional); else names containing the typed words at word starts, shortest first
 * (people type the distinctive part: "ba dinh", "hoan kiem").
 */
function match(rows: Row[], q: string): PlaceMatch {
  if (!q) return { kind: "none" };
  // "hanoi", "badinh": people often run the syllables together.
  const glued = q.replace(/ /g, "");
  const exact = rows.filter((r) => r.folded === q || r.folded.replace(/ /g, "") === glued);
  if (exact.length === 1) return { kind: "one", place: strip(exact[0]!) };
  if (exact.length > 1) return { kind: "several", places: exact.slice(0, MAX_CHOICES).map(strip) };
  const words = q.split(" ");
  const partial = rows
    .filter((r) => {
      const name = r.folded.split(" ");
      return words.every((w) => name.some((n) => n.startsWith(w)));
    })
    .sort((a, b) => a.folded.length - b.folded.length);
  if (partial.length === 1) return { kind: "one", place: strip(partial[0]!) };
  if (partial.length > 1) return { kind: "several", places: partial.slice(0, MAX_CHOICES).map(strip) };
  return { kind: "none" };
}

function strip(r: Row): Place {
  return { code: r.code, name: r.name };
}
