// Loads and checks one lesson file (front matter + body) and its illustration.
import { fileBytes, fileExists, readTextFile } from "./files.js";
import { splitFrontMatter } from "./front-matter.js";
import { checkIllustration } from "./illustration.js";
import { checkFrontMatter, type FrontMatterContext } from "./lesson-front-matter.js";
import type { LessonFileName } from "./lesson-file-name.js";
import { checkBody } from "./lesson-sections.js";
import type { MarkdownCheckContext } from "./markdown-checks.js";
import type { ProblemLog } from "./problems.js";
import type { Lesson } from "./schema.js";

export type LessonContext = FrontMatterContext & MarkdownCheckContext;

/** Returns the lesson when it (and its illustration) has no problems; otherwise reports and returns undefined. */
export function loadLesson(contentDir: string, name: LessonFileName, context: LessonContext, log: ProblemLog): Lesson | undefined {
  const problemsBefore = log.count;
  const out = log.forFile(`lessons/${name.baseName}.md`);
  const illustration = loadIllustration(contentDir, name, log);
  const text = readTextFile(contentDir, out);
  if (text === undefined) return undefined;

  const parts = splitFrontMatter(text);
  if (!parts) {
    out.add("front matter", 'is missing; the file must start with a "---" line, the YAML fields, then another "---" line');
    return undefined;
  }
  const frontMatter = checkFrontMatter(parts.yaml, parts.yamlFirstLine, name, context, out);
  const body = checkBody(parts.body, parts.bodyFirstLine, context, out);

  if (!frontMatter || !body || illustration === undefined || log.count !== problemsBefore) return undefined;
  return { ...frontMatter, ...body, illustration, file: out.file };
}

function loadIllustration(contentDir: string, name: LessonFileName, log: ProblemLog): string | undefined {
  const out = log.forFile(`illustrations/${name.baseName}.svg`);
  if (!fileExists(contentDir, out.file)) {
    out.add("file", `is missing; every lesson needs an illustration with the same name as its lesson file`);
    return undefined;
  }
  const svg = readTextFile(contentDir, out);
  if (svg !== undefined) checkIllustration(svg, fileBytes(contentDir, out.file), out);
  return svg;
}
