// The CLI as `npm run content:check` runs it: its output format and exit codes.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { copyValidFixture, editFile, FILES, VALID_FIXTURE } from "./helpers.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

function runCheck(...args: string[]) {
  const result = spawnSync(`${REPO}node_modules/.bin/tsx`, ["content/src/check.ts", ...args], { cwd: REPO, encoding: "utf8" });
  return { status: result.status, lines: result.stdout.trim().split("\n") };
}

describe("content:check", () => {
  it("prints one summary line and exits 0 when the content is valid", () => {
    const { status, lines } = runCheck(VALID_FIXTURE, "--partial");
    expect(lines).toEqual(["content: 1 lessons, 10 questions, 2 tips"]);
    expect(status).toBe(0);
  });

  it("prints every problem as content/<file>: <field>: <problem> and exits 1", () => {
    const dir = copyValidFixture();
    editFile(dir, FILES.lesson, (t) => t.replace("minutes: 5", "minutes: 50").replace("reviewed: 2026-11-23", "reviewed: hôm qua"));
    const { status, lines } = runCheck(dir, "--partial");
    expect(lines).toEqual([
      `content/${FILES.lesson}: front matter.minutes: must be at most 10 (got 50)`,
      `content/${FILES.lesson}: front matter.reviewed: must be a real date written YYYY-MM-DD (got "hôm qua")`,
      "content: 2 problems",
    ]);
    expect(status).toBe(1);
  });

  it("applies the completeness rules without --partial", () => {
    const { status, lines } = runCheck(VALID_FIXTURE);
    expect(lines).toContain('content/lessons: lesson 12: is missing: expected lessons/12-<slug>.md titled "Giải trí trực tuyến"');
    expect(status).toBe(1);
  });
});
