// Checks a lesson body's structure (intro, 4–7 ordinary sections, the three special sections) and
// turns it into the rendered parts the product shows.
import { type BodyPart, readBulletPoints, splitBody } from "./lesson-body.js";
import { renderMarkdown } from "./markdown.js";
import { checkLessonMarkdown, type MarkdownCheckContext } from "./markdown-checks.js";
import type { FileProblems } from "./problems.js";
import { LIMITS, SPECIAL_SECTIONS } from "./rules.js";
import type { Lesson, LessonSection, RenderedMarkdown } from "./schema.js";

export type LessonBody = Pick<Lesson, "intro" | "sections" | "warning" | "remember" | "practice">;
type SpecialKey = keyof typeof SPECIAL_SECTIONS;

function specialKeyOf(heading: string): SpecialKey | undefined {
  return (Object.keys(SPECIAL_SECTIONS) as SpecialKey[]).find((key) => SPECIAL_SECTIONS[key] === heading);
}

const rendered = (part: BodyPart): RenderedMarkdown => {
  const markdown = part.source.trim();
  return { markdown, html: renderMarkdown(markdown) };
};

export function checkBody(body: string, bodyFirstLine: number, context: MarkdownCheckContext, out: FileProblems): LessonBody | undefined {
  const { intro, sections } = splitBody(body, bodyFirstLine);
  if (intro.source.trim() === "") out.add("intro", "is missing; start the body with 1–3 sentences on what the lesson helps you do");
  else checkLessonMarkdown(intro.source, intro.firstLine, "intro", context, out);

  const ordinary: LessonSection[] = [];
  const special = new Map<SpecialKey, BodyPart>();
  for (const section of sections) {
    const heading = section.heading ?? "";
    const field = `section "${heading}"`;
    const key = specialKeyOf(heading);
    if (section.source.trim() === "") out.add(field, `line ${section.headingLine}: the section is empty`);
    checkLessonMarkdown(section.source, section.firstLine, field, context, out);
    if (key) {
      if (special.has(key)) out.add(field, `line ${section.headingLine}: appears twice; each special section appears exactly once`);
      special.set(key, section);
    } else {
      if (special.size > 0) {
        out.add(field, `line ${section.headingLine}: this section comes after a special section; ordinary sections go first, then ${specialList()}`);
      }
      ordinary.push({ heading, ...rendered(section) });
    }
  }

  if (ordinary.length < LIMITS.minOrdinarySections || ordinary.length > LIMITS.maxOrdinarySections) {
    out.add("sections", `has ${ordinary.length} ordinary "##" sections; a lesson needs ${LIMITS.minOrdinarySections} to ${LIMITS.maxOrdinarySections}`);
  }
  for (const key of Object.keys(SPECIAL_SECTIONS) as SpecialKey[]) {
    if (!special.has(key)) out.add(`section "${SPECIAL_SECTIONS[key]}"`, `is missing; add "## ${SPECIAL_SECTIONS[key]}" after the ordinary sections`);
  }

  const remember = readRemember(special.get("remember"), out);
  const warning = special.get("warning");
  const practice = special.get("practice");
  if (!warning || !practice || !remember) return undefined;
  return { intro: intro.source.trim(), sections: ordinary, warning: rendered(warning), remember, practice: rendered(practice) };
}

function specialList(): string {
  return Object.values(SPECIAL_SECTIONS).map((h) => `"${h}"`).join(", ");
}

function readRemember(section: BodyPart | undefined, out: FileProblems): string[] | undefined {
  if (!section) return undefined;
  const field = `section "${SPECIAL_SECTIONS.remember}"`;
  const result = readBulletPoints(section.source);
  if ("problem" in result) {
    out.add(field, result.problem);
    return undefined;
  }
  const count = result.points.length;
  if (count < LIMITS.minRememberPoints || count > LIMITS.maxRememberPoints) {
    out.add(field, `has ${count} points; it needs ${LIMITS.minRememberPoints} to ${LIMITS.maxRememberPoints}`);
  }
  return result.points;
}
