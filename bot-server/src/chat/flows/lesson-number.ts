import { foldCommand } from "../../text.js";

const WORDS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10, "muoi mot": 11, "muoi hai": 12,
};

/**
 * The lesson number after a command word: "Bài 3", "bai3", "BÀI  3!", "bài số 3", "bài ba".
 * undefined: no number given; NaN: something that is not a number.
 */
export function lessonNumberAfter(text: string, commandWords: string[]): number | undefined {
  let rest = foldCommand(text);
  for (const w of commandWords) {
    if (rest === w || rest.startsWith(w + " ")) {
      rest = rest.slice(w.length).trim();
      break;
    }
  }
  rest = rest.replace(/^(?:bai\s+)?(?:so\s+)?/, "").trim();
  if (!rest) return undefined;
  if (/^\d{1,6}$/.test(rest)) return Number(rest);
  return WORDS[rest] ?? NaN;
}
