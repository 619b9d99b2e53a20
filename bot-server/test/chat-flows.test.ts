import { describe, expect, it } from "vitest";
import { parseFirstTouch } from "../src/chat/flows/first-touch.js";
import { lessonNumberAfter } from "../src/chat/flows/lesson-number.js";
import { LessonSearch } from "../src/chat/flows/lesson-search.js";
import { typedChoice } from "../src/chat/flows/quiz-flow.js";
import { content } from "../../test/support/learning.js";

describe("QR first-touch text", () => {
  it("reads #src:<code>[:<volunteer>] and src=<code> [ref=<volunteer>]", () => {
    expect(parseFirstTouch("#src:BD-XYZ")).toEqual({ source: "BD-XYZ", referrer: undefined });
    expect(parseFirstTouch("#src:poster_01:vol-7")).toEqual({ source: "POSTER_01", referrer: "VOL-7" });
    expect(parseFirstTouch("src=BD-XYZ")).toEqual({ source: "BD-XYZ", referrer: undefined });
    expect(parseFirstTouch(" SRC = bd-xyz  ref=v1 ")).toEqual({ source: "BD-XYZ", referrer: "V1" });
    expect(parseFirstTouch("src=a&ref=b")).toEqual({ source: "A", referrer: "B" });
  });
  it("ignores anything else", () => {
    for (const text of ["", "src", "src=", "#src:", "src=a b c", "tôi đến từ src=abc", `src=${"a".repeat(65)}`, "#src:a:b:c", "src=<script>"]) {
      expect(parseFirstTouch(text)).toBeUndefined();
    }
  });
});

describe("lesson numbers and typed answers", () => {
  it("reads the number after the command word", () => {
    expect(lessonNumberAfter("Bài 3", ["bai"])).toBe(3);
    expect(lessonNumberAfter("bai3", ["bai"])).toBe(3);
    expect(lessonNumberAfter("BÀI  3!", ["bai"])).toBe(3);
    expect(lessonNumberAfter("bài số 12", ["bai"])).toBe(12);
    expect(lessonNumberAfter("bài mười hai", ["bai"])).toBe(12);
    expect(lessonNumberAfter("kiểm tra bài 5", ["kiem tra"])).toBe(5);
    expect(lessonNumberAfter("bài", ["bai"])).toBeUndefined();
    expect(lessonNumberAfter("bài abc", ["bai"])).toBeNaN();
    expect(lessonNumberAfter("kiểm tra 0912345678", ["kiem tra"])).toBeNaN();
  });
  it("takes A–D and 1–4, in any case, and nothing else", () => {
    expect(["A", "b", " C ", "d.", "1", "4", "đáp án B", "Chọn c"].map(typedChoice)).toEqual([0, 1, 2, 3, 0, 3, 1, 2]);
    for (const text of ["", "e", "5", "ab", "A B", "bà", "🙏"]) expect(typedChoice(text)).toBeUndefined();
  });
});

describe("searching the lessons", () => {
  const search = new LessonSearch(content());
  it("finds the lesson that answers a question, with or without diacritics", () => {
    expect(search.best("mật khẩu mạnh là gì")?.lessonId).toBe(4);
    expect(search.best("mat khau manh la gi")?.lessonId).toBe(4);
    expect(search.best("dịch vụ công trực tuyến")?.lessonId).toBe(5);
  });
  it("finds nothing for small talk and keeps passages short", () => {
    for (const text of ["xin chào", "cảm ơn bạn nhiều nhé", "con trâu nhà tôi ăn gì", "ok", "", "🐃"]) expect(search.best(text)).toBeUndefined();
    const found = search.best("lừa đảo qua điện thoại chuyển tiền")!;
    expect(found.text.length).toBeLessThanOrEqual(700);
  });
});
