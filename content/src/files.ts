// Reading content files: every text file goes through here, so NFC and line endings are checked once.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FileProblems } from "./problems.js";

/** Lists the visible files of a content sub-directory, sorted; an absent directory lists as empty. */
export function listFiles(contentDir: string, subDir: string): string[] {
  const dir = join(contentDir, subDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith("."))
    .sort();
}

export function fileExists(contentDir: string, relativePath: string): boolean {
  return existsSync(join(contentDir, relativePath));
}

/**
 * Reads a UTF-8 text file, reports any line not in Unicode NFC (we report it rather than silently fix
 * it, so the files themselves stay clean), and returns the text normalised to NFC with \n line endings.
 * Returns undefined, after reporting, when the file is missing.
 */
export function readTextFile(contentDir: string, out: FileProblems): string | undefined {
  const path = join(contentDir, out.file);
  if (!existsSync(path)) {
    out.add("file", "is missing");
    return undefined;
  }
  const raw = readFileSync(path, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  reportNonNfcLines(raw, out);
  return raw.normalize("NFC");
}

export function reportNonNfcLines(text: string, out: FileProblems): void {
  if (text === text.normalize("NFC")) return;
  text.split("\n").forEach((line, index) => {
    if (line === line.normalize("NFC")) return;
    const word = line.split(/\s+/).find((w) => w !== w.normalize("NFC")) ?? line;
    out.add(
      `line ${index + 1}`,
      `text is not in Unicode NFC (an accent typed as a separate mark, in "${word.normalize("NFC")}"); ` +
        "retype it or save the file as NFC",
    );
  });
}

/** Byte size of a file, for limits that are about download weight rather than characters. */
export function fileBytes(contentDir: string, relativePath: string): number {
  return statSync(join(contentDir, relativePath)).size;
}
