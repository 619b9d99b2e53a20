import { describe, it } from "vitest";
import { expectProblem, FILES, problemsAfter } from "./helpers.js";

const lesson = (edit: (text: string) => string) => problemsAfter(FILES.lesson, edit);

describe("lesson checks", () => {
  it("reports a missing front matter field", () => {
    const problems = lesson((t) => t.replace("minutes: 5\n", ""));
    expectProblem(problems, FILES.lesson, "front matter.minutes", /is missing/);
  });

  it("reports a summary over 200 characters", () => {
    const problems = lesson((t) => t.replace(/^summary: .*$/m, `summary: ${"Dài quá. ".repeat(30)}`));
    expectProblem(problems, FILES.lesson, "front matter.summary", /characters long; the limit is 200/);
  });

  it("reports a source URL that is not https", () => {
    const problems = lesson((t) => t.replace("https://example.gov.vn/huong-dan\n", "http://example.gov.vn/huong-dan\n"));
    expectProblem(problems, FILES.lesson, "front matter.sources[0].url", /https:\/\/ address/);
  });

  it("reports a title that is not the national topic name", () => {
    const problems = lesson((t) => t.replace("title: Sử dụng trình duyệt an toàn", "title: Trình duyệt"));
    expectProblem(problems, FILES.lesson, "front matter.title", /"Sử dụng trình duyệt an toàn"/);
  });

  it("reports Markdown in a chat message", () => {
    const problems = lesson((t) => t.replace("Tin nhắn 2: chỉ mở", "Tin nhắn 2: **chỉ** mở"));
    expectProblem(problems, FILES.lesson, "front matter.chat[1]", /bold marks/);
  });

  it("reports raw HTML in the body, with its line", () => {
    const problems = lesson((t) => t.replace("Xóa lịch sử khi dùng máy chung.", "Xóa lịch sử <b>ngay</b>."));
    expectProblem(problems, FILES.lesson, 'section "Xóa lịch sử"', /line \d+: raw HTML is not allowed/);
  });

  it("reports a link to a lesson that does not exist", () => {
    const problems = lesson((t) => t.replace("(/lesson/1)", "(/lesson/7)"));
    expectProblem(problems, FILES.lesson, 'section "Chặn cửa sổ bật lên"', /there is no lesson 7/);
  });

  it("reports text that is not NFC, by line", () => {
    // "e" + combining acute accent instead of the precomposed "é".
    const problems = lesson((t) => t.replace("Bài này giúp bạn", "Be\u0301 này giúp bạn"));
    expectProblem(problems, FILES.lesson, "line 22", /not in Unicode NFC/);
  });

  it("reports a chat version that does not open with the lesson's name", () => {
    const problems = lesson((t) => t.replace("Bài 1: Sử dụng trình duyệt an toàn", "Bài 1: Dùng trình duyệt an toàn"));
    expectProblem(problems, FILES.lesson, "front matter.chat[0]", /Bài 1: Sử dụng trình duyệt an toàn/);
  });

  it("reports a missing special section and a wrong number of points", () => {
    const problems = lesson((t) => t.replace("## Thực hành ngay", "## Làm thử").replace("- Tự gõ địa chỉ trang.\n", ""));
    expectProblem(problems, FILES.lesson, 'section "Thực hành ngay"', /is missing/);
    expectProblem(problems, FILES.lesson, 'section "Điều cần nhớ"', /has 2 points; it needs 3 to 5/);
  });

  it("reports images and tables in the body", () => {
    const problems = lesson((t) =>
      t.replace("Xóa lịch sử khi dùng máy chung.", "![ảnh](https://example.gov.vn/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
    );
    expectProblem(problems, FILES.lesson, 'section "Xóa lịch sử"', /images are not allowed/);
    expectProblem(problems, FILES.lesson, 'section "Xóa lịch sử"', /tables are not allowed/);
  });

  it("reports every fault of the front matter in one run, including cross-file ones", () => {
    const problems = lesson((t) =>
      t.replace("minutes: 5", "minutes: 0").replace("slug: trinh-duyet-an-toan", "slug: trinh-duyet").replace("thong-tin]", "khong-co]"),
    );
    expectProblem(problems, FILES.lesson, "front matter.minutes", /must be at least 1/);
    expectProblem(problems, FILES.lesson, "front matter.slug", /expected 01-trinh-duyet\.md/);
    expectProblem(problems, FILES.lesson, "front matter.competences[1]", /"khong-co" is not an id in competences\.yaml/);
  });
});
