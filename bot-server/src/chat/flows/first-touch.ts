/**
 * The text a QR code puts in the chat (README, "QR codes"): `#src:<code>` or `#src:<code>:<volunteer>`,
 * or typed by hand `src=<code>` with an optional ` ref=<volunteer>`. Codes: letters, digits, - and _.
 */
const HIDDEN = /^#src:([\w-]{1,64})(?::([\w-]{1,64}))?$/i;
const TYPED = /^src\s*=\s*([\w-]{1,64})(?:[\s&;,]+ref\s*=\s*([\w-]{1,64}))?$/i;

export interface FirstTouch {
  source: string;
  referrer: string | undefined;
}

export function parseFirstTouch(text: string): FirstTouch | undefined {
  const m = HIDDEN.exec(text.trim()) ?? TYPED.exec(text.trim());
  return m ? { source: m[1]!.toUpperCase(), referrer: m[2]?.toUpperCase() } : undefined;
}
