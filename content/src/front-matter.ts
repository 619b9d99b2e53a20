// Splits a lesson file into its YAML front matter and its Markdown body, keeping line numbers.

export interface LessonFileParts {
  yaml: string;
  /** 1-based line number of the YAML's first line in the file. */
  yamlFirstLine: number;
  body: string;
  /** 1-based line number of the body's first line in the file. */
  bodyFirstLine: number;
}

const FENCE = /^---[ \t]*$/;

/** Returns undefined when the file does not start with a `---` … `---` block. */
export function splitFrontMatter(text: string): LessonFileParts | undefined {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) return undefined;
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) return undefined;
  return {
    yaml: lines.slice(1, close).join("\n"),
    yamlFirstLine: 2,
    body: lines.slice(close + 1).join("\n"),
    bodyFirstLine: close + 2,
  };
}
