import { randomBytes, randomInt } from "node:crypto";

/** Crockford's base32 without I, L, O, U: no letters that read as digits or words. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** An unguessable id (attempts, button tokens): 128 random bits, URL-safe. */
export function randomId(): string {
  return randomBytes(16).toString("base64url");
}

/** A short unguessable token for a chat button payload (96 bits, 16 characters). */
export function buttonToken(): string {
  return randomBytes(12).toString("base64url");
}

/** A certificate code people can read aloud and type: 12 characters (60 bits) as XXXX-XXXX-XXXX. */
export function certificateCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Accepts a typed code in any case, with or without dashes or spaces; O→0, I/L→1 as Crockford reads. */
export function normalizeCertificateCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(c)) return null;
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}
