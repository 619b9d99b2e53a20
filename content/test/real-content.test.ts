// Loads the real content tree with every rule on. Fails until the writers have finished all 12 lessons,
// 120+ questions and 40+ tips; the failure message lists every remaining problem.
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/load.js";

describe("the real content", () => {
  it("is complete and valid", () => {
    const content = loadContent(undefined, { requireComplete: true });
    expect(content.lessons.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(content.questions.length).toBeGreaterThanOrEqual(120);
    expect(content.tips.length).toBeGreaterThanOrEqual(40);
    for (const lesson of content.lessons) {
      expect(content.questionsByLesson.get(lesson.id)?.length ?? 0, `questions of lesson ${lesson.id}`).toBeGreaterThanOrEqual(1);
    }
  });
});
