import { describe, expect, it } from "vitest";
import { checkContent, loadContent } from "../src/load.js";
import { ContentError } from "../src/problems.js";
import { renderTip } from "../src/tips.js";
import { VALID_FIXTURE } from "./helpers.js";

describe("the valid fixture", () => {
  const content = loadContent(VALID_FIXTURE, { requireComplete: false });
  const lesson = content.lessons[0];

  it("loads one lesson with its body split into parts", () => {
    expect(content.lessons).toHaveLength(1);
    expect(lesson).toMatchObject({
      id: 1,
      slug: "trinh-duyet-an-toan",
      title: "Sử dụng trình duyệt an toàn",
      minutes: 5,
      reviewed: "2026-11-23",
      file: "lessons/01-trinh-duyet-an-toan.md",
      intro: "Bài này giúp bạn dùng trình duyệt an toàn hơn.",
    });
    expect(lesson?.sections.map((s) => s.heading)).toEqual([
      "Cập nhật trình duyệt",
      "Gõ địa chỉ trang",
      "Xóa lịch sử",
      "Chặn cửa sổ bật lên",
    ]);
    expect(lesson?.sections[0]?.html).toContain("<strong>Cài đặt</strong>");
    expect(lesson?.warning.html).toBe("<p>Trang giả thường có địa chỉ gần giống trang thật.</p>\n");
    expect(lesson?.practice.markdown).toBe("1. Mở trình duyệt.\n2. Kiểm tra bản cập nhật.");
    expect(lesson?.illustration).toMatch(/^<svg /);
  });

  it("keeps chat messages as trimmed plain text and remember points without formatting", () => {
    expect(lesson?.chat).toHaveLength(2);
    expect(lesson?.chat[0]).toBe("Bài 1: Sử dụng trình duyệt an toàn\nTin nhắn 1: cập nhật trình duyệt.\n• Mở Cài đặt\n• Chọn Cập nhật");
    expect(lesson?.remember).toEqual(["Luôn cập nhật trình duyệt.", "Tự gõ địa chỉ trang.", "Không bấm vào đường link lạ."]);
  });

  it("turns answer letters into option indexes and groups questions by lesson", () => {
    expect(content.questions).toHaveLength(10);
    expect(content.questions[1]).toMatchObject({ id: "01-02", lesson: 1, answer: 1 });
    expect(content.questionsByLesson.get(1)).toHaveLength(10);
    expect(content.tips[0]?.check?.answer).toBe(1);
  });

  it("renders a tip as title, sign, action and report on their own lines", () => {
    const [first, second] = content.tips;
    expect(first && renderTip(first)).toBe(
      "Công an không gọi điện bắt chuyển tiền\nDấu hiệu: người gọi xưng công an, đòi chuyển tiền.\nCúp máy, gọi lại số chính thức.\nBáo 113.",
    );
    expect(second && renderTip(second).split("\n")).toHaveLength(3);
  });

  it("fails the completeness rules, which are on by default", () => {
    const { problems } = checkContent(VALID_FIXTURE);
    expect(problems).toContainEqual(expect.objectContaining({ file: "lessons", field: "lesson 2" }));
    expect(problems).toContainEqual(expect.objectContaining({ file: "questions", field: "count" }));
    expect(problems).toContainEqual(expect.objectContaining({ file: "tips/tips.yaml", field: "count" }));
    expect(() => loadContent(VALID_FIXTURE)).toThrow(ContentError);
  });
});
