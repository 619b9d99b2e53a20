import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "../src/load.js";
import { copyValidFixture, editFile, expectProblem, FILES } from "./helpers.js";

const problemsOf = (dir: string) => checkContent(dir, { requireComplete: false }).problems;

describe("file tree checks", () => {
  it("reports a lesson without an illustration or a question bank", () => {
    const dir = copyValidFixture();
    rmSync(join(dir, FILES.illustration));
    rmSync(join(dir, FILES.questions));
    const problems = problemsOf(dir);
    expectProblem(problems, FILES.illustration, "file", /is missing/);
    expectProblem(problems, FILES.questions, "file", /is missing/);
  });

  it("reports files that match no lesson and badly named lesson files", () => {
    const dir = copyValidFixture();
    renameSync(join(dir, FILES.questions), join(dir, "questions/01-trinh-duyet.yaml"));
    writeFileSync(join(dir, "lessons/1-bai-mot.md"), "");
    const problems = problemsOf(dir);
    expectProblem(problems, "questions/01-trinh-duyet.yaml", "file name", /matches no lesson/);
    expectProblem(problems, "lessons/1-bai-mot.md", "file name", /must be NN-slug\.md/);
  });

  it("reports a content directory with no lessons at all", () => {
    const dir = copyValidFixture();
    rmSync(join(dir, "lessons"), { recursive: true });
    expectProblem(problemsOf(dir), "lessons", "files", /no lesson files found/);
  });

  it("with the completeness rules on, reports a missing lesson once, not again at each link to it", () => {
    const dir = copyValidFixture();
    editFile(dir, FILES.lesson, (t) => t.replace("(/lesson/1)", "(/lesson/7)"));
    const problems = checkContent(dir).problems;
    expectProblem(problems, "lessons", "lesson 7", /is missing/);
    expect(problems.filter((p) => p.file === FILES.lesson)).toEqual([]);
  });
});
