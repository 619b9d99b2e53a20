import type { Token } from "markdown-it";
import { SPECIAL_SECTIONS, type Content } from "../../../../content/src/index.js";
import { inlineText, parseMarkdown } from "../../../../content/src/markdown.js";

/** A piece of a lesson a free question can be answered with, as it reads in a chat message. */
export interface LessonPassage {
  lessonId: number;
  /** The section heading the passage sits under (for a chat message: its title line, if any). */
  heading: string;
  /** From the lesson's chat messages, whose title lines are not section names worth quoting. */
  fromChat: boolean;
  /** Chat text: one paragraph or list item a line, list items keep their "1." or "•". */
  text: string;
}

const MAX_PASSAGE_CHARS = 700;
/** A shorter piece says too little on its own: it joins its neighbour or is left out. */
const MIN_PASSAGE_CHARS = 60;
/** A passage this long can stand alone; a shorter one takes the next paragraph in too, when it fits. */
const STANDALONE_CHARS = 160;

/** A paragraph, or a list item with its marker. */
interface Block {
  text: string;
  kind: "paragraph" | "item";
}

/**
 * The lesson's body (sections, the scam warning) and its chat messages, cut into passages: a paragraph
 * together with the list it introduces, never splitting a list item, each under MAX_PASSAGE_CHARS.
 */
export function lessonPassages(content: Content): LessonPassage[] {
  const out: LessonPassage[] = [];
  for (const lesson of content.lessons) {
    const add = (heading: string, texts: string[], fromChat = false) => {
      for (const text of texts) out.push({ lessonId: lesson.id, heading, fromChat, text });
    };
    // Not the intro: "Bài này giúp bạn…" says what the lesson is about (the lesson's own score has its
    // title and summary), it does not answer anything.
    for (const section of lesson.sections) add(section.heading, pack(blocks(section.markdown)));
    add(SPECIAL_SECTIONS.warning, pack(blocks(lesson.warning.markdown)));
    for (const message of lesson.chat) add(chatTitle(message), chatParagraphs(message), true);
  }
  return out;
}

/** A chat message's first line when it is a title ("🔍 Đọc kỹ tên miền, đừng tin ổ khóa"), else "". */
function chatTitle(message: string): string {
  const first = message.trim().split("\n")[0]!.trim();
  return first.length <= 60 && !/[.?!:…]$/.test(first) ? first : "";
}

/** Markdown → blocks: inline marks and link targets go, list markers stay ("1.", "•"). */
function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let marker: string | undefined;
  for (const token of parseMarkdown(markdown)) {
    if (token.type === "bullet_list_open") lists.push({ ordered: false, next: 1 });
    else if (token.type === "ordered_list_open") lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") lists.pop();
    else if (token.type === "list_item_open") marker = itemMarker(token, lists[lists.length - 1]);
    else if (token.type === "inline") {
      const text = inlineText(token.children ?? []).replace(/[ \t]+/g, " ").trim();
      if (!text) continue;
      if (marker !== undefined) {
        const indent = "  ".repeat(Math.max(0, lists.length - 1));
        out.push({ text: `${indent}${marker} ${text}`, kind: "item" });
        marker = undefined; // a second paragraph in the same item continues it
      } else if (lists.length) {
        out[out.length - 1]!.text += ` ${text}`;
      } else {
        out.push({ text, kind: "paragraph" });
      }
    }
  }
  return out;
}

function itemMarker(token: Token, list: { ordered: boolean; next: number } | undefined): string {
  if (!list?.ordered) return "•";
  const n = Number(token.info) || list.next;
  list.next = n + 1;
  return `${n}.`;
}

/**
 * Blocks into passages: a paragraph starts a new passage unless the one in hand is still too short to
 * stand alone; list items stay with the paragraph before them while they fit.
 */
function pack(all: Block[]): string[] {
  const out: string[][] = [];
  let current: string[] = [];
  const length = (lines: string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
  const flush = () => {
    if (current.length) out.push(current);
    current = [];
  };
  for (const block of all) {
    const tooShort = length(current) < STANDALONE_CHARS;
    if (block.kind === "paragraph" && !tooShort) flush();
    if (length(current) + block.text.length > MAX_PASSAGE_CHARS) flush();
    current.push(block.text);
  }
  flush();
  // A short piece left over ("Tên các mục có thể hơi khác…") joins the passage before it when it fits.
  const merged: string[][] = [];
  for (const lines of out) {
    const prev = merged[merged.length - 1];
    if (prev && length(lines) < STANDALONE_CHARS && length(prev) + length(lines) <= MAX_PASSAGE_CHARS) prev.push(...lines);
    else merged.push(lines);
  }
  return merged.map((lines) => shorten(lines.join("\n"))).filter((t) => t.length >= MIN_PASSAGE_CHARS);
}

/** A chat message's paragraphs (separated by blank lines), as written: its bullets are already text. */
function chatParagraphs(message: string): string[] {
  const paragraphs = message
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return pack(paragraphs.map((text) => ({ text, kind: "paragraph" as const })));
}

/** Under MAX_PASSAGE_CHARS, cut after a whole line when one fits, else after a word. */
function shorten(text: string): string {
  if (text.length <= MAX_PASSAGE_CHARS) return text;
  const line = text.lastIndexOf("\n", MAX_PASSAGE_CHARS - 1);
  if (line >= MIN_PASSAGE_CHARS) return `${text.slice(0, line)}\n…`;
  const cut = text.lastIndexOf(" ", MAX_PASSAGE_CHARS - 1);
  return `${text.slice(0, cut > 0 ? cut : MAX_PASSAGE_CHARS - 1)}…`;
}
