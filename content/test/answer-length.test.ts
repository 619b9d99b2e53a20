// The "length gives the answer away" rule: how options are measured, and banks that pass and fail.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bankStats, checkShortestGiveaway, judgeLength, optionLength, type BankQuestion } from "../src/answer-length.js";
import { ProblemLog } from "../src/problems.js";
import { checkContent } from "../src/load.js";
import type { AnswerIndex, FourOptions } from "../src/schema.js";
import { expectProblem, FILES, problemsAfter, VALID_FIXTURE } from "./helpers.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

const q = (options: FourOptions, answer: AnswerIndex) => ({ id: "x", options, answer });

/** Gives question N of the fixture bank (all options equally long) a correct option longer than the rest. */
const lengthenAnswer = (text: string, n: number, letter: string) =>
  text.replace(`"Lựa chọn ${letter} của câu ${n}"`, `"Lựa chọn ${letter} của câu ${n}, dài hơn hẳn"`);

describe("option length", () => {
  it("counts letters of the NFC form, so a decomposed Vietnamese word is as long as a composed one", () => {
    const composed = "Cúp máy";
    const decomposed = composed.normalize("NFD");
    expect(decomposed.length).toBeGreaterThan(composed.length);
    expect(optionLength(decomposed)).toBe(7);
    expect(optionLength(composed)).toBe(7);
  });

  it("ignores surrounding white space and counts a run of spaces as one", () => {
    expect(optionLength("  Cúp   máy \n")).toBe(7);
  });
});

describe("judging one question", () => {
  it("finds a correct option that is strictly the longest", () => {
    expect(judgeLength(q(["ngắn", "dài nhất ở đây", "vừa vừa", "ngắn"], 1))).toEqual({ longest: true, shortest: false, strictlyLongest: true, guessScore: 1 });
  });

  it("shares the guess between options tied for the longest", () => {
    expect(judgeLength(q(["bằng nhau", "ngắn", "bằng nhau", "ngắn"], 0))).toEqual({ longest: true, shortest: false, strictlyLongest: false, guessScore: 0.5 });
    expect(judgeLength(q(["aaaa", "bbbb", "cccc", "dddd"], 3)).guessScore).toBe(0.25);
  });

  it("gives nothing away when a wrong option is longer", () => {
    expect(judgeLength(q(["đúng", "sai nhưng dài hơn", "sai", "sai"], 0))).toEqual({ longest: false, shortest: false, strictlyLongest: false, guessScore: 0 });
    expect(judgeLength(q(["ok", "sai nhưng dài hơn", "sai", "sai"], 0)).shortest).toBe(true);
  });
});

describe("bank statistics", () => {
  it("counts longest, strictly longest and answer positions", () => {
    const stats = bankStats([
      q(["dài nhất đây", "b", "c", "d"], 0),
      q(["aa", "bb", "c", "d"], 1),
      q(["a", "b", "c", "dài hơn"], 2),
    ]);
    expect(stats).toMatchObject({ questions: 3, longest: 2, strictlyLongest: 1, shortest: 1, guessScore: 1.5, positions: [1, 1, 1, 0] });
  });
});

describe("the length rule in content:check", () => {
  it("accepts a bank where picking the longest option scores 32.5 % (one give-away of 10, ties elsewhere)", () => {
    const problems = problemsAfter(FILES.questions, (t) => lengthenAnswer(t, 1, "A"));
    expect(problems).toEqual([]);
  });

  it("rejects a bank where it scores 40 % and names the questions to fix", () => {
    const problems = problemsAfter(FILES.questions, (t) => lengthenAnswer(lengthenAnswer(t, 1, "A"), 2, "B"));
    expectProblem(problems, FILES.questions, "answers", /picking the longest option scores 4 of 10 \(40 %\); at most 35 %.*strictly longest in 01-01, 01-02\./);
  });

  it("does not count a long wrong option against the bank", () => {
    const problems = problemsAfter(FILES.questions, (t) => lengthenAnswer(lengthenAnswer(t, 1, "B"), 2, "C"));
    expect(problems).toEqual([]);
  });

  it("rejects a bank of 10 where the correct option is never the shortest, and accepts one where it is once", () => {
    // In each question but `keep`, one wrong option made shorter than the right one and the others longer.
    const ANSWERS = "ABCDABCDAB";
    const shortenWrong = (text: string, keep?: number) =>
      text.replace(/"Lựa chọn ([ABCD]) của câu (\d+)"/g, (all, letter: string, n: string) => {
        const answer = ANSWERS[Number(n) - 1]!;
        if (Number(n) === keep || letter === answer) return all;
        const firstWrong = "ABCD".split("").find((l) => l !== answer);
        return letter === firstWrong ? `"Lựa chọn ${letter} câu ${n}"` : `"Lựa chọn ${letter} của câu ${n} nhé"`;
      });
    const never = problemsAfter(FILES.questions, (t) => shortenWrong(t));
    expectProblem(never, FILES.questions, "answers", /the correct option is the shortest in 0 of 10 questions \(0 %\); at least 10 % is needed/);
    expect(problemsAfter(FILES.questions, (t) => shortenWrong(t, 4))).toEqual([]);
  });

  it("does not judge the shortest option in a bank under 10 questions", () => {
    const judge = (questions: BankQuestion[]) => {
      const log = new ProblemLog();
      checkShortestGiveaway({ file: "questions/x.yaml", questions }, log.forFile("questions/x.yaml"));
      return log.problems;
    };
    const neverShortest = q(["vừa vừa", "ngắn", "dài hơn nữa", "dài nhất ở đây"], 0);
    expect(judge(Array.from({ length: 9 }, () => neverShortest))).toEqual([]);
    expect(judge(Array.from({ length: 10 }, () => neverShortest))).toHaveLength(1);
  });

  it("judges the tips' check questions together as one bank", () => {
    const problems = problemsAfter(FILES.tips, (t) => t.replace('"Gửi ảnh căn cước cho người gọi"', '"Gửi ảnh"'));
    expectProblem(problems, FILES.tips, "answers", /picking the longest option scores 1 of 1 \(100 %\).*strictly longest in tip-001\./);
  });

  it("reports the banks even when the content has problems, for the statistics script", () => {
    const { content, banks } = checkContent(VALID_FIXTURE, { requireComplete: true });
    expect(content).toBeUndefined();
    expect(banks.map((b) => [b.file, b.questions.length])).toEqual([
      [FILES.questions, 10],
      [FILES.tips, 1],
    ]);
  });
});

describe("answer-stats script", () => {
  it("prints one row per bank with lengths and positions", () => {
    const result = spawnSync(`${REPO}node_modules/.bin/tsx`, ["content/src/answer-stats.ts", VALID_FIXTURE], { cwd: REPO, encoding: "utf8" });
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toContain("| 01-trinh-duyet-an-toan | 10 | 10 (100 %) | 0 (0 %) | 25 % | 10 (100 %) | A 3 · B 3 · C 2 · D 2 |");
    expect(lines).toContain("| tips/tips | 1 | 0 (0 %) | 0 (0 %) | 0 % | 0 (0 %) | A 0 · B 1 · C 0 · D 0 |");
  });
});
