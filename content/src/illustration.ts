// Checks a lesson's hand-written SVG: small, self-contained, script-free, accessible, no baked-in text
// (text in a picture cannot be read aloud, resized or corrected).
import type { FileProblems } from "./problems.js";
import { LIMITS } from "./rules.js";

const ROOT_TAG = /<svg\b[^>]*>/i;

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Each rule: a pattern that must NOT occur, and why. */
const FORBIDDEN: readonly { pattern: RegExp; field: string; message: string }[] = [
  { pattern: /<(?:text|tspan|textPath)\b/i, field: "<text>", message: "text elements are not allowed; draw shapes, put words in the lesson" },
  { pattern: /<script\b/i, field: "<script>", message: "scripts are not allowed" },
  { pattern: /\son[a-z]+\s*=/i, field: "event attribute", message: "event handlers (onclick=…) are not allowed" },
  { pattern: /<image\b/i, field: "<image>", message: "embedded or linked images are not allowed; draw with shapes" },
  { pattern: /<foreignObject\b/i, field: "<foreignObject>", message: "foreignObject is not allowed" },
  { pattern: /\bhref\s*=\s*["']\s*(?!#)/i, field: "href", message: "external references are not allowed; only #id links inside the file" },
  { pattern: /url\(\s*["']?\s*(?!#)/i, field: "url()", message: "external references are not allowed; only url(#id) inside the file" },
  { pattern: /@import\b/i, field: "@import", message: "external style sheets are not allowed" },
];

export function checkIllustration(svg: string, bytes: number, out: FileProblems): void {
  if (bytes > LIMITS.illustrationBytes) {
    out.add("size", `is ${bytes} bytes; the limit is ${LIMITS.illustrationBytes} bytes (8 KB)`);
  }
  const root = ROOT_TAG.exec(svg)?.[0];
  if (root === undefined) {
    out.add("<svg>", "no <svg> root element found");
    return;
  }
  if (!attribute(root, "viewBox")) out.add("<svg> viewBox", "is missing; the picture must scale to the screen");
  if (attribute(root, "xmlns") !== "http://www.w3.org/2000/svg") {
    out.add("<svg> xmlns", 'must be "http://www.w3.org/2000/svg" (without it the file does not display as an image)');
  }
  if (attribute(root, "role") !== "img") out.add("<svg> role", 'must be "img" so screen readers treat it as one picture');
  if (!attribute(root, "aria-label")?.trim()) out.add("<svg> aria-label", "is missing; describe the picture in Vietnamese");
  for (const rule of FORBIDDEN) {
    if (rule.pattern.test(svg)) out.add(rule.field, rule.message);
  }
}
