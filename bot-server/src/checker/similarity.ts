/**
 * How look-alike names are compared: edit distance for typos ("vietcombamk"), digit-for-letter and
 * letter-pair swaps ("vietc0mbank", "vietcornbank"), and a skeleton that maps foreign letters that look
 * Latin (Cyrillic "а", Greek "ο") and Vietnamese diacritics to plain Latin.
 */

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

const DIGIT_AS_LETTER: Record<string, string> = { "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b" };
const LETTER_PAIRS: [RegExp, string][] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
];

/**
 * Readings of a name with digits taken as letters and "rn" taken as "m". "1" may stand for "l" or "i",
 * so two readings come back when it occurs.
 */
export function letterReadings(name: string): string[] {
  const base = name.replace(/[034578]/g, (d) => DIGIT_AS_LETTER[d] ?? d);
  const readings = /1/.test(base) ? [base.replace(/1/g, "l"), base.replace(/1/g, "i")] : [base];
  return readings.map((r) => LETTER_PAIRS.reduce((s, [re, to]) => s.replace(re, to), r));
}

/** Letters from other scripts that render like Latin ones (Unicode confusables, the common subset). */
const CONFUSABLES: Record<string, string> = {
  а: "a", в: "b", с: "c", е: "e", ё: "e", һ: "h", і: "i", ї: "i", ј: "j", к: "k", м: "m", н: "h", о: "o",
  р: "p", ѕ: "s", т: "t", у: "y", х: "x", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", ɡ: "g", ո: "n", ս: "u", օ: "o",
  α: "a", ο: "o", ρ: "p", ν: "v", ι: "i", κ: "k", τ: "t", υ: "u", χ: "x", ε: "e", ı: "i", ł: "l", đ: "d",
};

/** A host label as it looks: confusable letters mapped to Latin, diacritics dropped. */
export function skeleton(label: string): string {
  const mapped = [...label.toLowerCase()].map((c) => CONFUSABLES[c] ?? c).join("");
  return mapped.normalize("NFD").replace(/\p{M}/gu, "");
}

/** True when the label mixes Latin letters with Cyrillic or Greek ones: never done by honest sites. */
export function mixesScripts(label: string): boolean {
  const latin = /\p{Script=Latin}/u.test(label);
  return latin && /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]/u.test(label);
}
