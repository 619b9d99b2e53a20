import { describe, it } from "vitest";
import { expectProblem, FILES, problemsAfter } from "./helpers.js";

const questions = (edit: (text: string) => string) => problemsAfter(FILES.questions, edit);

describe("question checks", () => {
  it("reports a duplicate question id", () => {
    const problems = questions((t) => t.replace('id: "01-02"', 'id: "01-01"'));
    expectProblem(problems, FILES.questions, "questions[1].id", /"01-01" is already used by questions\[0\]/);
  });

  it("reports a question with 5 options", () => {
    const problems = questions((t) => t.replace('      - "Lựa chọn D của câu 4"', '      - "Lựa chọn D của câu 4"\n      - "Lựa chọn E"'));
    expectProblem(problems, FILES.questions, "questions[3].options", /exactly 4 items \(has 5\)/);
  });

  it("reports an answer that is not a letter A–D", () => {
    const problems = questions((t) => t.replace(/answer: C/, "answer: E"));
    expectProblem(problems, FILES.questions, "questions[2].answer", /one of the letters A, B, C, D \(got "E"\)/);
  });

  it('reports "tất cả các ý trên" in any letter case', () => {
    const problems = questions((t) => t.replace('"Lựa chọn D của câu 1"', '"Tất cả các ý trên"'));
    expectProblem(problems, FILES.questions, "questions[0].options[3]", /is not allowed: every option must stand on its own/);
  });

  it("reports an explanation over 300 characters", () => {
    const problems = questions((t) => t.replace("Giải thích cho câu 5.", "Giải thích dài. ".repeat(25)));
    expectProblem(problems, FILES.questions, "questions[4].explanation", /characters long; the limit is 300/);
  });

  it("reports a letter that is the answer of more than 35 % of all questions", () => {
    // A, B, C, D, A, B, C, D, A, B → make questions 3 and 4 "A" too: A = 5 of 10.
    const problems = questions((t) => t.replace("answer: C", "answer: A").replace("answer: D", "answer: A"));
    expectProblem(problems, "questions", "answer", /A is the correct answer of 50 % of all questions \(5 of 10\)/);
  });

  it("reports a bank with fewer than 10 questions", () => {
    const problems = questions((t) => t.slice(0, t.indexOf('  - id: "01-10"')));
    expectProblem(problems, FILES.questions, "questions", /has 9 questions; each lesson needs at least 10/);
  });
});
