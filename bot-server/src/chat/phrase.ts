import { fold, foldCommand } from "../text.js";

/**
 * Whether the text says exactly one of the phrases, word by word: a word typed without diacritics
 * matches by its folded form ("dung" → "dừng"), a word typed with them must be the same word, so
 * "dùng" (use) is not "dừng" (stop) and "bạn" (you) is not "bận" (busy). Case, spacing and punctuation
 * do not matter.
 */
export function saysPhrase(text: string, phrases: readonly string[]): boolean {
  return phraseMatcher(phrases)(text);
}

const matchers = new WeakMap<readonly string[], (text: string) => boolean>();

/** saysPhrase with the phrases split and folded once (every message is checked against them). */
function phraseMatcher(phrases: readonly string[]): (text: string) => boolean {
  let matcher = matchers.get(phrases);
  if (matcher) return matcher;
  const wanted = phrases.map((p) => words(p).map((w) => ({ word: w, folded: fold(w) })));
  const longest = Math.max(...wanted.map((w) => w.length));
  matcher = (text) => {
    if (text.length > 200) return false; // a phrase is a few words: do not split a long message
    const typed = words(text);
    if (typed.length > longest) return false;
    const folded = typed.map(fold);
    return wanted.some(
      (ws) => ws.length === typed.length && ws.every((w, i) => folded[i] === w.folded && (typed[i] === folded[i] || typed[i] === w.word)),
    );
  };
  matchers.set(phrases, matcher);
  return matcher;
}

function words(text: string): string[] {
  // foldCommand's splitting ("bai3" → "bai 3") on the unfolded text: lower case, punctuation as spaces.
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** The words after a command's first `n` words, folded ("Nhắc 8 giờ tối!" → "8 gio toi" for n = 1). */
export function foldedArgs(text: string, n: number): string {
  return foldCommand(text).split(" ").slice(n).join(" ");
}
