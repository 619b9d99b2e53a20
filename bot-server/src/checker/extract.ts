import { BRANDS } from "./official-domains.js";
import { BARE_LINK_TLDS, SHORTENERS } from "./url-lists.js";

/**
 * Finding links and phone numbers in what people paste: links with or without "http", "www." or any
 * path, wrapped in Vietnamese text and punctuation, sprinkled with invisible characters (scammers use
 * them to dodge filters), "defanged" as in vietcombank[.]com; numbers as 0912 345 678, +84 912.345.678,
 * (028) 3822 1234. Prices (150.000đ), dates (20/11/2025), times (20:30) and ages stay out.
 */

export interface UrlCandidate {
  raw: string;
  scheme: string | undefined;
  userinfo: string | undefined;
  host: string;
  port: string | undefined;
  path: string;
}

/** Zero-width, bidi-control and soft-hyphen characters: invisible, so never meant by the reader. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** NFC, invisible characters removed, defanged dots and ideographic full stops read as dots. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, ".")
    .replace(/[。．｡]/g, ".")
    .replace(/\bhxxp(s?):\/\//gi, "http$1://");
}

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
const URL_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@.\-_/])` +
    String.raw`(?<scheme>https?:\/\/)?` +
    String.raw`(?<userinfo>[^\s/?#@<>"“”'‘’()\[\]{}]+@)?` +
    String.raw`(?<host>(?:${LABEL}\.)+(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])` +
    String.raw`(?<port>:\d{1,5})?` +
    String.raw`(?<path>[/?#][^\s<>"“”]*)?`,
  "giu",
);

/** Hosts recognised without "http"/"www" whatever their ending (zalo.me, bit.ly, t.me …). */
const KNOWN_SHORT_HOSTS: ReadonlySet<string> = new Set([...SHORTENERS, ...BRANDS.flatMap((b) => b.domains)]);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Links in the text, in order. `explicit` (the person wrote "kiểm tra …") accepts any ending for a bare
 * name such as "abc.hotro"; otherwise a bare name needs a known ending so "TP.HCM" is not a link.
 */
export function findUrls(text: string, explicit = false): { candidates: UrlCandidate[]; spans: [number, number][] } {
  const candidates: UrlCandidate[] = [];
  const spans: [number, number][] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const g = m.groups!;
    const host = g.host!.toLowerCase();
    const path = trimTrailingPunctuation(g.path ?? "");
    const raw = `${g.scheme ?? ""}${g.userinfo ?? ""}${g.host}${g.port ?? ""}${path}`;
    // An e-mail address is not a link (an "@" without "http" and without a path).
    if (g.userinfo && !g.scheme && !path) {
      spans.push([m.index, m.index + m[0].length]);
      continue;
    }
    if (!isLinkLike(host, Boolean(g.scheme), Boolean(g.port || path), explicit)) continue;
    candidates.push({ raw, scheme: g.scheme?.slice(0, -3).toLowerCase(), userinfo: g.userinfo?.slice(0, -1), host, port: g.port?.slice(1), path });
    spans.push([m.index, m.index + raw.length]);
  }
  return { candidates, spans };
}

function isLinkLike(host: string, hasScheme: boolean, hasPortOrPath: boolean, explicit: boolean): boolean {
  if (IPV4.test(host)) return hasScheme || hasPortOrPath; // "1.2.3.4" alone is more often a version number
  if (hasScheme || host.startsWith("www.") || explicit) return true;
  const tld = host.slice(host.lastIndexOf(".") + 1);
  return tld.startsWith("xn--") || BARE_LINK_TLDS.has(tld) || KNOWN_SHORT_HOSTS.has(host);
}

/** "…/login)." → "…/login": sentence punctuation after a link is not part of it; balanced brackets are. */
function trimTrailingPunctuation(path: string): string {
  let p = path;
  for (;;) {
    const last = p.at(-1);
    if (!last) return p;
    if (/[.,;:!?…'"»”’]/.test(last)) p = p.slice(0, -1);
    else if (last === ")" && count(p, "(") < count(p, ")")) p = p.slice(0, -1);
    else if (last === "]" && count(p, "[") < count(p, "]")) p = p.slice(0, -1);
    else if (last === "}" && count(p, "{") < count(p, "}")) p = p.slice(0, -1);
    else return p;
  }
}

const count = (s: string, c: string): number => s.split(c).length - 1;

/**
 * Digit runs that may be phone numbers, after links and e-mail addresses are blanked out. Separators:
 * up to two of space, dot, dash, brackets between digits. Not inside words, prices (150.000đ, 1,5),
 * times (20:30).
 */
const PHONE_PATTERN = /(?<![\p{L}\p{N}+,.])\+?\(?\d(?:[ .\-()\u00a0]{0,2}\d){2,40}(?![\p{L}\p{N}]|[.,:]\d)/gu;

export function findPhoneRuns(text: string, blanked: readonly [number, number][]): string[] {
  let masked = text;
  for (const [start, end] of blanked) masked = masked.slice(0, start) + " ".repeat(end - start) + masked.slice(end);
  return [...masked.matchAll(PHONE_PATTERN)].map((m) => m[0].replace(/[\s.\-(]+$/, "").trim());
}
