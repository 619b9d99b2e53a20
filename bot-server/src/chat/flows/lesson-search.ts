import { markdownToPlainText, type Content } from "../../../../content/src/index.js";
import { fold } from "../text.js";

export interface Passage {
  lessonId: number;
  text: string;
}

interface Indexed extends Passage {
  terms: Map<string, number>;
  length: number;
}

/** Everyday words that say nothing about a topic (folded). Vietnamese words are syllables. */
const STOPWORDS = new Set(
  (
    "a ai anh ba ban bao bi biet bo cac cai can chi cho chu chua co con cu cua cung da dang day de den di dieu do duoc " +
    "em gi gio ha hay hoac hoi khi kia khong la lai lam len luc ma may minh mot muon nao nay ne neu nhe nhi nhieu nhu " +
    "nhung nua o oi ong phai qua ra rat roi sao se sau tai the thi thoi toi trong tren tu va vao vay ve vi voi xin ya u " +
    "nha an gium giup duoi ngay hom nguoi"
  ).split(" "),
);

const MAX_QUERY_CHARS = 500;
const MAX_PASSAGE_CHARS = 700;
const RARE = 5;
// BM25's usual constants.
const K1 = 1.2;
const B = 0.75;

/** Folded terms: single syllables (not stopwords) and pairs of neighbouring syllables ("chuyen_tien"). */
function terms(text: string): string[] {
  const words = fold(text).split(" ").filter(Boolean);
  const out = words.filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (!(STOPWORDS.has(a) && STOPWORDS.has(b))) out.push(`${a}_${b}`);
  }
  return out;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 60); // a heading alone answers nothing
}

/**
 * Answers a free question from the lessons: BM25 over the lessons' paragraphs, on diacritic-folded
 * syllables and syllable pairs. A passage counts only when it shares a pair of words with the question,
 * several distinct words, or the question's one rare word, so "con trâu nhà tôi ăn gì?" finds nothing instead of something odd.
 */
export class LessonSearch {
  private readonly passages: Indexed[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(content: Content) {
    const raw: Passage[] = [];
    for (const lesson of content.lessons) {
      raw.push({ lessonId: lesson.id, text: `${lesson.title}: ${lesson.summary}` });
      for (const message of lesson.chat) for (const p of paragraphs(message)) raw.push({ lessonId: lesson.id, text: p });
      for (const section of lesson.sections) {
        for (const p of paragraphs(markdownToPlainText(section.markdown))) raw.push({ lessonId: lesson.id, text: p });
      }
    }
    this.passages = raw.map((p) => {
      const counts = new Map<string, number>();
      const all = terms(p.text);
      for (const t of all) counts.set(t, (counts.get(t) ?? 0) + 1);
      return { ...p, text: shorten(p.text), terms: counts, length: all.length };
    });
    for (const p of this.passages) for (const t of p.terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avgLength = this.passages.reduce((s, p) => s + p.length, 0) / Math.max(1, this.passages.length);
  }

  best(question: string): Passage | undefined {
    const query = [...new Set(terms(question.slice(0, MAX_QUERY_CHARS)))];
    if (!query.length) return undefined;
    // One rare word ("vneid", "phishing") is a topic on its own; one common word is not.
    const single = query.length === 1 && (this.df.get(query[0]!) ?? Infinity) <= RARE;
    const n = this.passages.length;
    // A term's weight depends on the term alone: once per query, not once per passage.
    const idf = new Map(
      query.map((t) => {
        const df = this.df.get(t) ?? 0;
        return [t, Math.log(1 + (n - df + 0.5) / (df + 0.5))] as const;
      }),
    );
    let best: { passage: Indexed; score: number } | undefined;
    for (const passage of this.passages) {
      let score = 0;
      let words = 0;
      let pairs = 0;
      for (const t of query) {
        const tf = passage.terms.get(t);
        if (!tf) continue;
        if (t.includes("_")) pairs++;
        else words++;
        score += (idf.get(t)! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * passage.length) / this.avgLength));
      }
      if (pairs === 0 && words < 3 && !single) continue;
      if (!best || score > best.score) best = { passage, score };
    }
    return best && { lessonId: best.passage.lessonId, text: best.passage.text };
  }
}

function shorten(text: string): string {
  if (text.length <= MAX_PASSAGE_CHARS) return text;
  const cut = text.lastIndexOf(" ", MAX_PASSAGE_CHARS - 1);
  return `${text.slice(0, cut > 0 ? cut : MAX_PASSAGE_CHARS - 1)}…`;
}

const cache = new WeakMap<Content, LessonSearch>();

/** One index per loaded content, built on first use. */
export function lessonSearch(content: Content): LessonSearch {
  let search = cache.get(content);
  if (!search) cache.set(content, (search = new LessonSearch(content)));
  return search;
}
