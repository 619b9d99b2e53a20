// The one Markdown renderer for lesson text. Plain on purpose: no raw HTML passes through (the checker
// rejects it anyway), no auto-linking of bare addresses, no "smart" quotes that change the writer's text.
import MarkdownIt, { type Token } from "markdown-it";

export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

export function parseMarkdown(source: string): Token[] {
  return markdown.parse(source, {});
}

// Block tokens after which the text continues on a new line.
const LINE_ENDING_TOKENS = new Set([
  "paragraph_close",
  "heading_close",
  "list_item_close",
  "blockquote_close",
  "tr_close",
]);

/** The words of an inline token's children, without formatting marks. */
export function inlineText(children: readonly Token[]): string {
  let out = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") out += child.content;
    else if (child.type === "softbreak") out += " ";
    else if (child.type === "hardbreak") out += "\n";
    else if (child.type === "image") out += inlineText(child.children ?? []); // keep the alt text's words
  }
  return out;
}

/**
 * Markdown → plain text for searching and for chat: formatting marks, link targets and list markers go,
 * every word stays; each paragraph, heading or list item becomes one line.
 */
export function markdownToPlainText(source: string): string {
  let out = "";
  for (const token of parseMarkdown(source)) {
    if (token.type === "inline") out += inlineText(token.children ?? []);
    else if (token.type === "fence" || token.type === "code_block") out += `${token.content}\n`;
    else if (token.type === "th_close" || token.type === "td_close") out += " ";
    else if (LINE_ENDING_TOKENS.has(token.type)) out += "\n";
  }
  return out
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}
