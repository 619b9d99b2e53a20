/**
 * The name printed on a certificate: one rule for both doors (the chat and the Mini App, which imports this
 * file for its live preview, so it must stay free of imports). A name is checked and then written the way
 * it will be printed: NFC, trimmed, single spaces, each word capitalised ("trần thị hoa" → "Trần Thị Hoa").
 */

export const CERTIFICATE_NAME_MIN_LETTERS = 2;
export const CERTIFICATE_NAME_MAX = 60;

export type CertificateNameCheck = { ok: true; name: string } | { ok: false; message: string };

const EXAMPLE = "ví dụ: Trần Thị Hoa";

/** Control and invisible format characters (zero-width joiners, direction marks): never part of a name. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u;
const LINK = /(:\/\/|\bwww\.|@|\.(com|vn|net|org|info|xyz|top|io|me|link)\b)/iu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}]/u;
/** Letters (with Vietnamese tone marks), spaces, hyphens and apostrophes (H'Hen Niê, Nguyễn-Trần). */
const NAME_CHARACTERS = /^[\p{L}\p{M} '’-]*$/u;
/** Words of letters, one space, hyphen or apostrophe between them: "Hoa - Lan" and "Hoa--Lan" are not names. */
const NAME = /^\p{L}\p{M}*(?:[ '’-]?\p{L}\p{M}*)*$/u;
/** Punctuation typed around a name ("Ngọc Ánh.", "Hoa -", "'Lan'"): dropped, never printed. */
const AROUND = /^[\s.,;:!?'’-]+|[\s.,;:!?'’-]+$/gu;

/** Checks a typed name; the answer is either the name as it will be printed or a message to show. */
export function checkCertificateName(typed: string): CertificateNameCheck {
  // Line breaks and tabs are only spacing; any other control character is refused below.
  const text = typed.normalize("NFC").replace(/[\s\u00a0]+/gu, " ").replace(AROUND, "");
  if (text === "") return fail(`Bạn chưa gõ tên. Bạn gõ họ và tên, ${EXAMPLE}.`);
  if (HIDDEN.test(text)) return fail(`Tên có ký tự lạ không in được. Bạn gõ lại họ và tên bằng bàn phím, ${EXAMPLE}.`);
  if (LINK.test(text)) return fail(`Tên không được là đường link hay địa chỉ thư. Bạn gõ họ và tên, ${EXAMPLE}.`);
  if (EMOJI.test(text)) return fail(`Tên không có biểu tượng cảm xúc. Bạn gõ họ và tên bằng chữ, ${EXAMPLE}.`);
  if (/\p{N}/u.test(text)) return fail(`Tên không có chữ số. Bạn gõ họ và tên bằng chữ, ${EXAMPLE}.`);
  if (!NAME_CHARACTERS.test(text)) {
    return fail(`Tên chỉ gồm chữ cái, dấu cách, dấu gạch nối (-) và dấu nháy ('). Bạn bỏ các ký hiệu khác nhé, ${EXAMPLE}.`);
  }
  if (!NAME.test(text)) {
    return fail(`Dấu gạch nối (-) và dấu nháy (') chỉ đứng liền giữa hai chữ, ví dụ: Nguyễn-Trần Hoa, H'Hen Niê.`);
  }
  if ((text.match(/\p{L}/gu) ?? []).length < CERTIFICATE_NAME_MIN_LETTERS) {
    return fail(`Tên cần ít nhất ${CERTIFICATE_NAME_MIN_LETTERS} chữ cái. Bạn gõ đủ họ và tên, ${EXAMPLE}.`);
  }
  if (text.length > CERTIFICATE_NAME_MAX) {
    return fail(`Tên dài quá: tối đa ${CERTIFICATE_NAME_MAX} ký tự, tên bạn gõ có ${text.length} ký tự. Bạn viết ngắn lại nhé.`);
  }
  return { ok: true, name: capitalised(text) };
}

/** Each word (and each part after a hyphen or apostrophe) starts with a capital, the rest lower case. */
function capitalised(name: string): string {
  return name
    .toLocaleLowerCase("vi")
    .replace(/(^|[ '’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toLocaleUpperCase("vi"))
    .normalize("NFC");
}

function fail(message: string): CertificateNameCheck {
  return { ok: false, message };
}
