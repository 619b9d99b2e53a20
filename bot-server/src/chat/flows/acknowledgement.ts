import { saysPhrase } from "../phrase.js";

/** Thanks and OKs: a person closing a turn, not asking anything. */
const THANKS = [
  "ok", "oke", "okie", "okay", "ok ạ", "ok nhé", "ok bạn", "ok cảm ơn", "được", "được rồi", "vâng", "vâng ạ", "dạ", "dạ vâng",
  "ừ", "ừm", "ừ được", "tốt", "tốt quá", "hay", "hay quá", "hay lắm", "tuyệt", "tuyệt vời", "đã hiểu", "hiểu rồi", "rõ rồi",
  "cảm ơn", "cám ơn", "cảm ơn bạn", "cám ơn bạn", "cảm ơn nhé", "cảm ơn nhiều", "cảm ơn bạn nhiều", "cảm ơn ạ",
  "cảm ơn nhiều nhé", "cảm ơn bạn nhiều nhé", "xin cảm ơn", "thanks", "thank you", "thank", "tks", "thks", "camon", "like",
];

/** Emoji that say "thanks" or "fine": 👍 (also Zalo's "like" as text), ❤️, 🙏, 👌, 😊, 🥰… */
const FRIENDLY = /^(?:[\u{1F44D}\u{1F44C}\u{1F64F}\u{2764}\u{1F495}\u{1F496}\u{1F497}\u{1F60A}\u{1F642}\u{1F970}\u{1F60D}\u{1F600}\u{1F601}\u{1F603}\u{1F604}\u{1F44F}\u{1F389}\u{2705}\u{1F339}\u{1F338}\u{1F1FB}\u{1F1F3}]|[\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}\s])+$/u;

/** Whether a typed text only thanks or agrees ("ok", "cảm ơn bạn nhiều", "👍👍", "ok 👍"). */
export function isThanks(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (FRIENDLY.test(trimmed)) return true;
  const words = trimmed.replace(/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}]/gu, " ").trim();
  return words !== "" && saysPhrase(words, THANKS);
}
