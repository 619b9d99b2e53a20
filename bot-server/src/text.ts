/**
 * Folds Vietnamese text for matching commands and answers: NFC, lower case, no diacritics (đ → d),
 * punctuation as spaces, single spaces. "BÀI  3!" → "bai 3"; "Trợ giúp?" → "tro giup".
 */
export function fold(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/đ/g, "d")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Folded text with digits split from letters, so "bai3" and "bài 3" read the same. */
export function foldCommand(text: string): string {
  return fold(text)
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2");
}
