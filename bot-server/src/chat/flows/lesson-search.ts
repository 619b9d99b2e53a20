import type { Content } from "../../../../content/src/index.js";
import { fold } from "../../text.js";
import { lessonPassages, type LessonPassage } from "./lesson-passages.js";
import { mendTypos, spellOut, termWeight, terms, variants } from "./search-words.js";

/**
 * Only the start of a long message is searched: a question is a sentence or two, and the search runs in
 * the inbox worker's write transaction, so a long pasted message must not hold it up.
 */
export const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 40;
const RARE = 5;
/** A word found only by rewording the question counts for less than a word the person typed. */
const REWORDED = 0.6;
/** Matches in the passage's heading, and in its lesson's title, summary and headings, add to its own. */
const HEADING_WEIGHT = 0.5;
const LESSON_WEIGHT = 1;

/** A BM25 index over a set of short texts (BM25's usual constants). */
class Bm25 {
  private readonly docs: { terms: Map<string, number>; length: number }[];
  readonly df = new Map<string, number>();
  private readonly avgLength: number;
  /** Per indexed term, worked out once (bounded by the lessons' words, whatever people type). */
  private readonly idfs = new Map<string, number>();

  constructor(texts: string[]) {
    this.docs = texts.map((text) => {
      const all = terms(text);
      const counts = new Map<string, number>();
      for (const t of all) counts.set(t, (counts.get(t) ?? 0) + 1);
      return { terms: counts, length: all.length };
    });
    for (const d of this.docs) for (const t of d.terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
    for (const [term, df] of this.df) this.idfs.set(term, this.idfFor(df));
  }

  private idfFor(df: number): number {
    return Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
  }

  idf(term: string): number {
    return this.idfs.get(term) ?? this.idfFor(0);
  }

  has(doc: number, term: string): boolean {
    return this.docs[doc]!.terms.has(term);
  }

  score(doc: number, query: ReadonlyMap<string, number>): number {
    const d = this.docs[doc]!;
    let score = 0;
    for (const [t, weight] of query) {
      const tf = d.terms.get(t);
      if (tf) score += (weight * this.idf(t) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / this.avgLength));
    }
    return score;
  }
}

/**
 * Answers a free question from the lessons: BM25 over the lessons' passages, on diacritic-folded
 * syllables and syllable pairs, with chat shorthand spelled out, typos mended and synonyms tried
 * ("giả mạo" / "lừa đảo"). A passage under a heading that matches, in a lesson whose topic matches,
 * ranks higher. It counts only when it shares with what was typed a pair of words, three words, two
 * with a rare one ("họp zoom"), or the question's one rare word ("ntrust là gì"), so "con trâu nhà tôi
 * ăn gì?" finds nothing instead of something odd.
 */
export class LessonSearch {
  private readonly passages: LessonPassage[];
  private readonly text: Bm25;
  private readonly headings: Bm25;
  private readonly lessons: Bm25;
  private readonly lessonIndex: Map<number, number>;
  /** Every word of the lessons with its passage count, to mend typos against. */
  private readonly known = new Map<string, number>();

  constructor(content: Content) {
    this.passages = lessonPassages(content);
    this.text = new Bm25(this.passages.map((p) => fold(p.text)));
    this.headings = new Bm25(this.passages.map((p) => fold(p.heading)));
    this.lessons = new Bm25(
      content.lessons.map((l) => fold([l.title, l.summary, ...l.sections.map((s) => s.heading)].join(". "))),
    );
    this.lessonIndex = new Map(content.lessons.map((l, i) => [l.id, i]));
    for (const p of this.passages) {
      for (const w of new Set(fold(`${p.heading} ${p.text}`).split(" "))) this.known.set(w, (this.known.get(w) ?? 0) + 1);
    }
  }

  best(question: string): LessonPassage | undefined {
    const typed = spellOut(queryStart(question)).split(" ").slice(0, MAX_QUERY_WORDS).join(" ");
    const own = new Set(terms(typed));
    if (!own.size) return undefined;
    // Each rewording (typos mended, synonyms swapped) is a query of its own; a passage is scored by the
    // one that suits it best, so rewordings open other words without adding up to more than was said.
    const mended = mendTypos(typed, this.known);
    const reworded = [...variants(typed), ...(mended === typed ? [] : variants(mended))];
    const rewordedTerms = reworded.map((v) => terms(v.text));
    const queries = rewordedTerms.map((ts) => new Map(ts.map((t) => [t, termWeight(t) * (own.has(t) ? 1 : REWORDED)] as const)));
    // Whether a passage answers at all is judged on what was typed, typos mended and sure synonyms.
    const said = new Set(reworded.flatMap((v, i) => (v.sure ? rewordedTerms[i]! : [])));
    // One rare word ("vneid", "phishing") is a topic on its own; one common word is not.
    const words = [...own].filter((t) => !t.includes("_"));
    const single = words.length === 1 && (this.text.df.get(words[0]!) ?? Infinity) <= RARE ? words[0] : undefined;
    const lessonScores = queries.map((q) => new Map([...this.lessonIndex].map(([id, i]) => [id, this.lessons.score(i, q)])));
    let best: { passage: LessonPassage; score: number } | undefined;
    this.passages.forEach((passage, i) => {
      if (!this.counts(i, said, single)) return;
      queries.forEach((query, v) => {
        const score =
          this.text.score(i, query) + HEADING_WEIGHT * this.headings.score(i, query) + LESSON_WEIGHT * lessonScores[v]!.get(passage.lessonId)!;
        if (!best || score > best.score) best = { passage, score };
      });
    });
    return best?.passage;
  }

  /** Whether the passage (with its heading) shares enough with what was typed to be an answer at all. */
  private counts(i: number, said: ReadonlySet<string>, single: string | undefined): boolean {
    if (single && (this.text.has(i, single) || this.headings.has(i, single))) return true;
    let words = 0;
    let rare = false;
    for (const t of said) {
      if (!this.text.has(i, t) && !this.headings.has(i, t)) continue;
      if (t.includes("_")) return true;
      rare ||= (this.text.df.get(t) ?? Infinity) <= RARE;
      if (++words >= 3 || (words >= 2 && rare)) return true;
    }
    return false;
  }
}

/** The first MAX_QUERY_CHARS characters, cut at a space so no word is cut in half. */
function queryStart(question: string): string {
  if (question.length <= MAX_QUERY_CHARS) return question;
  const start = question.slice(0, MAX_QUERY_CHARS + 1);
  const space = start.search(/\s\S*$/u);
  return space > 0 ? start.slice(0, space) : start.slice(0, MAX_QUERY_CHARS);
}

const cache = new WeakMap<Content, LessonSearch>();

/** One index per loaded content, built on first use. */
export function lessonSearch(content: Content): LessonSearch {
  let search = cache.get(content);
  if (!search) cache.set(content, (search = new LessonSearch(content)));
  return search;
}
