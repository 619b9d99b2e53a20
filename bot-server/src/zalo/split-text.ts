/** Zalo's limit for one CS text message (counted in UTF-16 units after NFC: never under Zalo's count). */
export const MAX_TEXT = 2000;

/**
 * Splits a long text into parts of at most `max` characters, preferring paragraph breaks, then line
 * breaks, then sentence ends, then spaces; never cuts a surrogate pair. Short texts come back as is.
 */
export function splitText(input: string, max = MAX_TEXT): string[] {
  const text = input.normalize("NFC").trim();
  if (text.length <= max) return text ? [text] : [];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = findCut(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function findCut(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  // Only accept a boundary in the second half, so no part is absurdly short.
  const floor = Math.floor(max / 2);
  const candidates = [
    lastMatchEnd(window, /\n\s*\n/g),
    lastMatchEnd(window, /\n/g),
    lastMatchEnd(window, /[.!?…](?:["'”’)\]]*)\s/g),
    lastMatchEnd(window, /[;:,]\s/g),
    lastMatchEnd(window, /\s/g),
  ];
  for (const c of candidates) if (c > floor && c <= max) return c;
  // No boundary: hard cut, stepping back if that would split an emoji's surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

function lastMatchEnd(text: string, re: RegExp): number {
  let end = -1;
  for (const m of text.matchAll(re)) end = m.index + m[0].length;
  return end;
}
