import { describe, it } from "vitest";
import { expectProblem, FILES, problemsAfter } from "./helpers.js";

const tips = (edit: (text: string) => string) => problemsAfter(FILES.tips, edit);

describe("tip checks", () => {
  it("reports a tip over 500 characters as rendered for chat", () => {
    const problems = tips((t) => t.replace('action: "Cúp máy, gọi lại số chính thức."', `action: "${"Cúp máy ngay. ".repeat(40)}"`));
    expectProblem(problems, FILES.tips, "tips[0]", /characters long as sent in chat .*the limit is 500/);
  });

  it("reports a scam type that is not in scam-types.yaml", () => {
    const problems = tips((t) => t.replace("scam: lua-dao-deepfake", "scam: lua-dao-khong-co"));
    expectProblem(problems, FILES.tips, "tips[1].scam", /"lua-dao-khong-co" is not an id in tips\/scam-types.yaml/);
  });

  it("reports a tip linked to a lesson that does not exist", () => {
    const problems = tips((t) => t.replace("lessons: [1]", "lessons: [1, 9]"));
    expectProblem(problems, FILES.tips, "tips[0].lessons[1]", /there is no lesson 9/);
  });

  it("checks a tip's question like a bank question", () => {
    const problems = tips((t) => t.replace("answer: B", "answer: b"));
    expectProblem(problems, FILES.tips, "tips[0].check.answer", /one of the letters A, B, C, D/);
  });

  it("reports a duplicate scam type id", () => {
    const problems = problemsAfter(FILES.scamTypes, (t) => t.replace("id: lua-dao-deepfake", "id: gia-danh-co-quan-to-tung"));
    expectProblem(problems, FILES.scamTypes, "scam-types[1].id", /already used by scam-types\[0\]/);
  });
});
