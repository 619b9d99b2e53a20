import { fold, foldCommand } from "./text.js";

/**
 * Whether the text says exactly one of the phrases, word by word: a word typed without diacritics
 * matches by its folded form ("dung" → "dừng"), a word typed with them must be the same word, so
 * "dùng" (use) is not "dừng" (stop) and "bạn" (you) is not "bận" (busy). Case, spacing and punctuation
 * do not matter.
 */
export function saysPhrase(text: string, phrases: readonly string[]): boolean {
  const typed = words(text);
  return phrases.some((phrase) => {
    const wanted = words(phrase);
    return (
      typed.length === wanted.length &&
      typed.every((w, i) => fold(w) === fold(wanted[i]!) && (w === fold(w) || w === wanted[i]))
    );
  });
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
