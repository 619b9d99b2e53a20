// Parsing YAML with syntax errors reported as problems (with line numbers) instead of thrown.
import { LineCounter, parseDocument } from "yaml";
import type { FileProblems } from "./problems.js";

// The commonest writer slip: an unquoted value containing ": ".
const HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: ' (a value that contains ": " must be put in "quotes")',
};

/**
 * Parses YAML text; on syntax errors reports each one and returns undefined.
 * `field` names the YAML's place in the file ("yaml" for a .yaml file, "front matter" for a lesson),
 * `firstLine` shifts line numbers when the YAML starts further down the file.
 */
export function parseYaml(text: string, out: FileProblems, field = "yaml", firstLine = 1): unknown {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: dates stay strings ("2026-11-23") and duplicate keys are errors.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length === 0) return doc.toJS();
  for (const error of doc.errors) {
    const line = lineCounter.linePos(error.pos[0]).line + firstLine - 1;
    const message = error.message.split("\n")[0] ?? error.message;
    const hint = HINTS[error.code] ?? "";
    out.add(field, `YAML syntax error at line ${line}: ${message}${hint}`);
  }
  return undefined;
}
