import { fold } from "../../text.js";

/** Everyday words that say nothing about a topic (folded). Vietnamese words are syllables. */
const STOPWORDS = new Set(
  (
    "a ai ba ban bao bi biet bo cac cai can chi cho chu chua co cu cua cung da dang day de den di dieu do duoc " +
    "em gi gio ha hay hoac hoi khi kia khong la lai lam len luc ma may minh mot muon nao nay ne neu nhe nhi nhieu nhu " +
    "nhung nua o oi ong phai qua ra rat roi sao se sau tai the thi thoi toi trong tren tu va vao vay ve vi voi xin ya u " +
    "nha an gium giup duoi ngay hom nguoi ak ah a vui long"
  ).split(" "),
);

/** Chat shorthand and common misspellings, word for word (folded). */
const SHORTHAND: Record<string, string> = {
  ko: "khong", k: "khong", kg: "khong", khg: "khong", hok: "khong", hong: "khong", hem: "khong",
  dc: "duoc", dk: "duoc", j: "gi", z: "vay", wa: "qua", bit: "biet", bik: "biet", ng: "nguoi", vs: "voi",
  ntn: "nhu the nao", dt: "dien thoai", dthoai: "dien thoai", sdt: "so dien thoai", fb: "facebook", zl: "zalo",
  tk: "tai khoan", stk: "so tai khoan", mk: "mat khau", pass: "mat khau", password: "mat khau", ck: "chuyen khoan",
  nh: "ngan hang", app: "ung dung", apps: "ung dung", web: "trang web", website: "trang web", wep: "trang web",
  online: "truc tuyen", onl: "truc tuyen", game: "tro choi", games: "tro choi", gmail: "gmail", cccd: "can cuoc",
  cmnd: "can cuoc", livestream: "phat video truc tiep", live: "phat video truc tiep", file: "tep",
  chatgpt: "tri tue nhan tao", gpt: "tri tue nhan tao", gemini: "tri tue nhan tao", clip: "video", mess: "tin nhan", sms: "tin nhan",
};

/**
 * Ways of saying the same thing (folded phrases): a question using one of the first phrases also looks
 * for the others and for the second list's (single syllables there, like "gia", are too common to
 * start a swap). Plain everyday Vietnamese against the lessons' words, not sentences from the lessons.
 */
const SYNONYMS: [said: string[], alsoMeans: string[]][] = [
  [["gia mao", "lua dao"], ["gia"]],
  [["bi lua", "lua dao"], []],
  [["mat tien"], ["bi lua"]],
  [["trang web", "ten mien"], ["trang"]],
  [["tren mang", "truc tuyen", "qua mang", "tren internet"], []],
  [["mua hang", "mua sam", "dat hang", "mua do", "mua online"], []],
  [["ban hang", "noi ban"], ["mua sam"]],
  [["tro choi"], ["choi"]],
  [["nap tien", "tieu tien"], ["tra tien"]],
  [["goi dien", "cuoc goi"], ["dien thoai"]],
  [["nhan tin", "tin nhan"], []],
  [["tin rac", "tin nhan rac", "thu rac", "email rac", "mail rac"], ["quang cao"]],
  [["email", "mail", "thu dien tu"], ["gmail", "thu"]],
  [["tiem net", "quan net", "may cong cong", "may o buu dien", "may nguoi khac"], ["may dung chung", "may chung"]],
  [["goi video nhom", "goi video nhieu nguoi", "goi nhom"], ["hop truc tuyen", "cuoc hop"]],
  [["con", "tre", "tre em", "tre con", "con chau", "con cai"], []],
  [["nghien dien thoai", "nghien game", "nghien"], ["man hinh", "thoi gian su dung"]],
  [["ong ba", "cha me gia", "nguoi gia", "nguoi lon tuoi"], []],
  [["dung hay sai", "that hay gia", "dang tin"], ["nguon tin"]],
  [["hop truc tuyen", "cuoc hop"], ["hop"]],
  [["ca do", "co bac", "lo de", "ca cuoc", "danh bai", "danh bac", "nha cai"], []],
  [["ho so", "thu tuc"], []],
  [["giay khai sinh"], ["khai sinh"]],
  [["chan", "loc"], ["tat"]],
  [["virus", "phan mem doc hai", "ma doc"], []],
  [["xem phim", "xem video"], ["giai tri"]],
  [["khuon mat", "sinh trac hoc", "van tay"], []],
  [["facebook", "tiktok", "youtube", "instagram", "mang xa hoi"], []],
  [["hang giao", "giao hang", "nhan hang"], []],
];

/** Rewordings tried per question: each is scored against every passage, so a synonym-heavy message is capped. */
export const MAX_VARIANTS = 16;

/**
 * Words the whole course is about ("trực tuyến", "trên mạng", "điện thoại"): in a question they say
 * where, not what, so they weigh less than its topic words.
 */
const CONTEXT_TERMS = new Set(
  ["truc tuyen", "tren mang", "qua mang", "mang", "internet", "dien thoai"].flatMap((p) => [p.replace(" ", "_"), ...p.split(" ")]),
);
const CONTEXT_WEIGHT = 0.3;

/** How much a query term counts: less for the course's everyday context words. */
export function termWeight(term: string): number {
  return CONTEXT_TERMS.has(term) ? CONTEXT_WEIGHT : 1;
}

/** Folded words with shorthand spelled out: "mk fb ko dc" → "mat khau facebook khong duoc". */
export function spellOut(text: string): string {
  return fold(text)
    .split(" ")
    .filter(Boolean)
    .map((w) => SHORTHAND[w] ?? w)
    .join(" ");
}

/** Not a Vietnamese syllable ("facebook", "email", "zoom"): a word that folding cannot make from another. */
const FOREIGN = /[fjwz]|[bdklrsv]$/;

/** A rewording of the question; `sure` when every swap was of a whole phrase, not one syllable. */
export interface Variant {
  text: string;
  sure: boolean;
}

/**
 * The folded question and its rewordings: each synonym found is swapped for the others in turn
 * ("trang web giả mạo" → "trang web lua dao", "trang gia", …), at most MAX_VARIANTS in all. A swap
 * of one Vietnamese syllable ("con" → "tre em") may be a different word that folds the same ("còn"): not sure.
 */
export function variants(folded: string): Variant[] {
  let out: Variant[] = [{ text: folded, sure: true }];
  for (const [said, alsoMeans] of SYNONYMS) {
    const next: Variant[] = [];
    for (const v of out) {
      const padded = ` ${v.text} `;
      const found = said.find((p) => padded.includes(` ${p} `));
      if (!found) continue;
      const sure = v.sure && (found.includes(" ") || FOREIGN.test(found));
      for (const other of [...said, ...alsoMeans]) {
        if (other !== found) next.push({ text: padded.replace(` ${found} `, ` ${other} `).trim(), sure });
      }
    }
    out = [...out, ...next].slice(0, MAX_VARIANTS);
  }
  return out;
}

/** Folded terms: single syllables (not stopwords) and pairs of neighbouring syllables ("chuyen_tien"). */
export function terms(foldedText: string): string[] {
  const words = foldedText.split(" ").filter(Boolean);
  const out = words.filter(isTopicWord);
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (!(STOPWORDS.has(a) && STOPWORDS.has(b))) out.push(`${a}_${b}`);
  }
  return out;
}

function isTopicWord(w: string): boolean {
  return !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w));
}

/**
 * A typo mended against the lessons' own words: an unknown word one edit (a letter missing, extra,
 * wrong or two swapped) from a known one becomes the most common such word; otherwise it stays.
 */
export function mendTypos(folded: string, known: ReadonlyMap<string, number>): string {
  return folded
    .split(" ")
    .map((w) => (w.length < 3 || /\d/.test(w) || known.has(w) || STOPWORDS.has(w) ? w : (closest(w, known) ?? w)))
    .join(" ");
}

function closest(word: string, known: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [candidate, count] of known) {
    if (Math.abs(candidate.length - word.length) > 1 || count <= bestCount) continue;
    if (oneEditApart(word, candidate)) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** Damerau–Levenshtein distance exactly 1 (the words differ). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter wrong
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.slice(i) === long.slice(i + 1); // one letter missing or extra
}
