// Checks on lesson Markdown that the renderer would otherwise hide: raw HTML (which markdown-it would
// silently escape), images, tables, stray headings and links that lead nowhere useful.
import type { Token } from "markdown-it";
import { parseMarkdown } from "./markdown.js";
import type { FileProblems } from "./problems.js";
import { isHttpsUrl } from "./schema.js";

/** Raw HTML: an opening or closing tag, or a comment. */
export const RAW_HTML = /<\/?[A-Za-z]|<!--/;
const AUTOLINK = /<https?:/i;
const LESSON_LINK = /^\/lesson\/(\d+)$/;

export interface MarkdownCheckContext {
  /** Lesson ids a `/lesson/N` link may point to. */
  lessonIds: ReadonlySet<number>;
}

/** Checks one part of a lesson body; `firstLine` is the file line of the part's first line. */
export function checkLessonMarkdown(
  source: string,
  firstLine: number,
  field: string,
  context: MarkdownCheckContext,
  out: FileProblems,
): void {
  source.split("\n").forEach((line, index) => {
    const at = `line ${firstLine + index}`;
    if (AUTOLINK.test(line)) out.add(field, `${at}: <https://…> links are not allowed; write [words](https://…)`);
    else if (RAW_HTML.test(line)) {
      out.add(field, `${at}: raw HTML is not allowed (found "${RAW_HTML.exec(line)?.[0]}…"); write plain Markdown, no angle brackets`);
    }
  });

  for (const token of parseMarkdown(source)) {
    const at = `line ${firstLine + (token.map?.[0] ?? 0)}`;
    if (token.type === "table_open") out.add(field, `${at}: tables are not allowed (they do not fit a phone screen)`);
    if (token.type === "heading_open" && token.tag === "h1") {
      out.add(field, `${at}: a level-1 heading ("# …") is not allowed; the title comes from the front matter`);
    }
    if (token.type === "inline") checkInline(token.children ?? [], at, field, context, out);
  }
}

function checkInline(children: readonly Token[], at: string, field: string, context: MarkdownCheckContext, out: FileProblems): void {
  for (const child of children) {
    if (child.type === "image") {
      out.add(field, `${at}: images are not allowed in the text; the lesson's picture is its SVG illustration`);
    }
    if (child.type !== "link_open") continue;
    const href = String(child.attrGet("href") ?? "");
    const lessonLink = LESSON_LINK.exec(href);
    if (lessonLink) {
      const target = Number(lessonLink[1]);
      if (!context.lessonIds.has(target)) out.add(field, `${at}: link to /lesson/${target}, but there is no lesson ${target}`);
    } else if (!isHttpsUrl(href)) {
      out.add(field, `${at}: link to "${href}" is not allowed; use a full https:// address or /lesson/N`);
    }
  }
}
