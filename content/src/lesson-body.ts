// Splits a lesson body into the intro and its `##` sections, and reads the "Điều cần nhớ" bullet list.
import type { Token } from "markdown-it";
import { inlineText, markdownToPlainText, parseMarkdown } from "./markdown.js";

/** A slice of the body with enough position to report problems by file line. */
export interface BodyPart {
  /** Plain-text heading, or undefined for the intro before the first `##`. */
  heading: string | undefined;
  /** 1-based file line of the heading (of the body start, for the intro). */
  headingLine: number;
  /** The Markdown under the heading, untrimmed so line numbers stay true. */
  source: string;
  /** 1-based file line of `source`'s first line. */
  firstLine: number;
}

/** Splits at top-level `##` headings found by the Markdown parser (so a `##` in a code block is no heading). */
export function splitBody(body: string, bodyFirstLine: number): { intro: BodyPart; sections: BodyPart[] } {
  const lines = body.split("\n");
  const tokens = parseMarkdown(body);
  const headings: { heading: string; start: number; end: number }[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.tag !== "h2" || token.level !== 0 || !token.map) return;
    const inline = tokens[index + 1];
    headings.push({
      heading: markdownToPlainText(inline?.content ?? "").trim(),
      start: token.map[0],
      end: token.map[1],
    });
  });

  const slice = (from: number, to: number) => lines.slice(from, to).join("\n");
  const introEnd = headings[0]?.start ?? lines.length;
  const intro: BodyPart = { heading: undefined, headingLine: bodyFirstLine, source: slice(0, introEnd), firstLine: bodyFirstLine };
  const sections = headings.map((h, i): BodyPart => {
    const to = headings[i + 1]?.start ?? lines.length;
    return { heading: h.heading, headingLine: bodyFirstLine + h.start, source: slice(h.end, to), firstLine: bodyFirstLine + h.end };
  });
  return { intro, sections };
}

export type BulletPoints = { points: string[] } | { problem: string };

/** Reads a section that must be one bullet list of one-line points, as plain text. */
export function readBulletPoints(source: string): BulletPoints {
  const tokens = parseMarkdown(source);
  const topLevel = tokens.filter((t) => t.level === 0);
  const lists = topLevel.filter((t) => t.type === "bullet_list_open");
  if (topLevel.some((t) => t.type === "ordered_list_open")) {
    return { problem: 'must be a bullet list ("- …"), not a numbered list' };
  }
  if (lists.length !== 1 || topLevel.length !== 2) {
    return { problem: 'must contain only one bullet list ("- …"), with nothing before or after it' };
  }
  const points: string[] = [];
  let current: Token[] | undefined;
  for (const token of tokens) {
    if (token.type === "list_item_open" && token.level === 1) current = [];
    else if (token.type === "list_item_close" && token.level === 1 && current) {
      const inlines = current.filter((t) => t.type === "inline");
      const nested = current.some((t) => t.type === "bullet_list_open" || t.type === "ordered_list_open");
      if (nested || inlines.length !== 1 || (inlines[0]?.content ?? "").includes("\n")) {
        return { problem: "each point must be a single line, without sub-points" };
      }
      points.push(inlineText(inlines[0]?.children ?? []).trim());
      current = undefined;
    } else current?.push(token);
  }
  return { points };
}
