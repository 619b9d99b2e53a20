// Test helpers: copy the valid fixture into a temp dir, break one thing, and look for the problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect } from "vitest";
import { checkContent } from "../src/load.js";
import type { Problem } from "../src/problems.js";

export const VALID_FIXTURE = fileURLToPath(new URL("./fixtures/valid/", import.meta.url));

export const FILES = {
  lesson: "lessons/01-trinh-duyet-an-toan.md",
  questions: "questions/01-trinh-duyet-an-toan.yaml",
  illustration: "illustrations/01-trinh-duyet-an-toan.svg",
  tips: "tips/tips.yaml",
  scamTypes: "tips/scam-types.yaml",
} as const;

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the valid fixture, removed after the test. */
export function copyValidFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "content-fixture-"));
  tempDirs.push(dir);
  cpSync(VALID_FIXTURE, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of a fixture copy; the edit must change something, or the test proves nothing. */
export function editFile(dir: string, file: string, edit: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after, `edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
}

/** Copies the valid fixture, applies one edit, and returns the problems found (completeness rules off). */
export function problemsAfter(file: string, edit: (text: string) => string): Problem[] {
  const dir = copyValidFixture();
  editFile(dir, file, edit);
  return checkContent(dir, { requireComplete: false }).problems;
}

/** Asserts a problem exists with exactly this file and field, and a message matching the pattern. */
export function expectProblem(problems: readonly Problem[], file: string, field: string, message: RegExp): void {
  expect(problems).toContainEqual({ file, field, message: expect.stringMatching(message) });
}
