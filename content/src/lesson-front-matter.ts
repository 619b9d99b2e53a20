// Checks a lesson's YAML front matter: its schema, and how it fits the file name, the national list
// of topics and competences.yaml.
import type { LessonFileName } from "./lesson-file-name.js";
import { RAW_HTML } from "./markdown-checks.js";
import type { FileProblems } from "./problems.js";
import { NATIONAL_TITLES } from "./rules.js";
import { type LessonFrontMatter, lessonFrontMatterSchema } from "./schema.js";
import { parseYaml } from "./yaml-file.js";
import { plainEnglish, reportZodError } from "./zod-issues.js";

export interface FrontMatterContext {
  competenceIds: ReadonlySet<string>;
}

const CHAT_MARKDOWN: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\*\*/, what: "bold marks (**)" },
  { pattern: /^#{1,6}\s/m, what: 'a heading ("## …")' },
  { pattern: /\[[^\]\n]*\]\([^)\n]*\)/, what: "a Markdown link ([…](…)); write the address itself" },
  { pattern: RAW_HTML, what: "HTML" },
];

export function checkFrontMatter(
  yaml: string,
  yamlFirstLine: number,
  name: LessonFileName,
  context: FrontMatterContext,
  out: FileProblems,
): LessonFrontMatter | undefined {
  const data = parseYaml(yaml, out, "front matter", yamlFirstLine);
  if (data === undefined) return undefined;
  const parsed = lessonFrontMatterSchema.safeParse(data, { error: plainEnglish });
  if (parsed.success) {
    checkFrontMatterMeaning(parsed.data, name, context, out);
    return parsed.data;
  }
  reportZodError(parsed.error, "front matter", out);
  // Still judge the fields that are fine on their own, so one run reports everything.
  checkFrontMatterMeaning(validFields(data), name, context, out);
  return undefined;
}

/** The front matter fields that pass their own schema, when the whole does not. */
function validFields(data: unknown): Partial<LessonFrontMatter> {
  if (typeof data !== "object" || data === null) return {};
  const record = data as Record<string, unknown>;
  const valid: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(lessonFrontMatterSchema.shape)) {
    const field = schema.safeParse(record[key]);
    if (field.success) valid[key] = field.data;
  }
  return valid as Partial<LessonFrontMatter>;
}

/** Rules that relate a field to the file name, the national list or competences.yaml. */
function checkFrontMatterMeaning(fm: Partial<LessonFrontMatter>, name: LessonFileName, context: FrontMatterContext, out: FileProblems): void {
  const nn = name.baseName.slice(0, 2);
  if (fm.id !== undefined && fm.id !== name.id) out.add("front matter.id", `is ${fm.id} but the file name starts with ${nn}`);
  if (fm.slug !== undefined && fm.slug !== name.slug) {
    out.add("front matter.slug", `is "${fm.slug}" but the file name is ${name.baseName}.md (expected ${nn}-${fm.slug}.md)`);
  }
  const nationalTitle = NATIONAL_TITLES[name.id - 1];
  if (fm.title !== undefined && nationalTitle !== undefined && fm.title !== nationalTitle) {
    out.add("front matter.title", `must be exactly the national topic name for lesson ${name.id}: "${nationalTitle}" (got "${fm.title}")`);
  }
  fm.competences?.forEach((id, i) => {
    if (!context.competenceIds.has(id)) out.add(`front matter.competences[${i}]`, `"${id}" is not an id in competences.yaml`);
  });
  // The chat names a lesson as everywhere else ("Bài N: <national title>"): its first line says so.
  const firstLine = fm.chat?.[0]?.split("\n")[0]?.trim();
  const heading = nationalTitle === undefined ? undefined : `Bài ${name.id}: ${nationalTitle}`;
  if (firstLine !== undefined && heading !== undefined && !firstLine.endsWith(heading)) {
    out.add("front matter.chat[0]", `must start with a line ending in "${heading}" (an emoji may come first; got "${firstLine}")`);
  }
  fm.chat?.forEach((message, i) => {
    for (const rule of CHAT_MARKDOWN) {
      if (rule.pattern.test(message)) out.add(`front matter.chat[${i}]`, `contains ${rule.what}; Zalo shows chat as plain text`);
    }
  });
}

