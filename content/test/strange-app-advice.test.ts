// The advice after installing a strange app must follow the one shared order (issue 10, point 16):
// cut the network first, then call the bank. "Call the bank, then cut the network" once sat in three
// lessons and a tip; this keeps every lesson text, tip and question (its right answer and its
// explanation, read after the question that sets the scene) in the right order. Wrong options are
// wrong on purpose and are not read.
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/load.js";
import type { ChoiceQuestion } from "../src/schema.js";
import { renderTip } from "../src/tips.js";

/** Where a text starts talking about an app already installed (or being installed) from a stranger. */
const TRIGGER = /(lỡ|vừa|trót) (tải và |tải, )?cài|cài (nhầm |phải )?(một |các )?(ứng dụng|phần mềm|app)[^.?!\n]{0,40}(lạ|giả|theo (đường )?link|từ (đường )?link)/giu;
const NETWORK = /wi-fi|dữ liệu di động|ngắt mạng|tắt mạng|chế độ máy bay/iu;
/** Calling or telling the bank (to lock the account), not any mention of a bank. */
const BANK = /(gọi|báo|liên hệ|nhờ)[^.?!\n]{0,40}ngân hàng|khóa tài khoản/iu;
/** How far after the trigger the advice may run (the four numbered steps fit in this). */
const WINDOW = 600;

/** Each "lỡ cài …" passage whose advice names the bank before cutting the network. */
function wrongOrderPassages(text: string): string[] {
  const wrong: string[] = [];
  for (const match of text.matchAll(TRIGGER)) {
    // One paragraph at most: the next one is another piece of advice.
    const passage = text.slice(match.index, match.index + WINDOW).split("\n\n")[0]!;
    const bank = passage.search(BANK);
    if (bank < 0) continue;
    const network = passage.search(NETWORK);
    if (network < 0 || network > bank) wrong.push(passage.slice(0, 160));
  }
  return wrong;
}

describe("advice after installing a strange app", () => {
  const content = loadContent();

  it("recognises the wrong order and the right one", () => {
    expect(wrongOrderPassages("Vừa cài ứng dụng theo link lạ: gọi ngân hàng khóa tài khoản rồi tắt Wi-Fi.")).toHaveLength(1);
    expect(wrongOrderPassages("Đã cài phần mềm lạ thì báo ngân hàng trước.")).toHaveLength(1);
    expect(wrongOrderPassages("Ai bảo cài ứng dụng lạ thì cúp máy, gọi ngân hàng hỏi lại.")).toHaveLength(1);
    expect(wrongOrderPassages("Vừa cài ứng dụng lạ: bật chế độ máy bay, rồi gọi ngân hàng.")).toEqual([]);
    expect(wrongOrderPassages("Lỡ cài ứng dụng lạ? Gọi ngay ngân hàng để khóa tài khoản, và tắt mạng điện thoại.")).toHaveLength(1);
    expect(wrongOrderPassages("Lỡ cài ứng dụng lạ: gọi ngân hàng để khóa tài khoản.")).toHaveLength(1);
    expect(wrongOrderPassages("Lỡ cài ứng dụng lạ: tắt ngay Wi-Fi và dữ liệu di động, rồi gọi ngân hàng.")).toEqual([]);
    expect(wrongOrderPassages("Lỡ cài rồi thì đừng hoảng.")).toEqual([]);
  });

  it("cuts the network before calling the bank in every lesson", () => {
    for (const lesson of content.lessons) {
      const texts = [...lesson.chat, lesson.intro, ...lesson.sections.map((s) => s.markdown), lesson.warning.markdown, lesson.practice.markdown];
      expect(texts.flatMap(wrongOrderPassages), `lesson ${lesson.id}`).toEqual([]);
    }
  });

  it("cuts the network before calling the bank in every tip", () => {
    for (const tip of content.tips) expect(wrongOrderPassages(renderTip(tip)), tip.id).toEqual([]);
  });

  it("cuts the network before calling the bank in every question's right answer and explanation", () => {
    const read = (question: ChoiceQuestion) => [
      `${question.question} ${question.options[question.answer]}`,
      `${question.question} ${question.explanation}`,
    ];
    for (const question of content.questions) expect(read(question).flatMap(wrongOrderPassages), question.id).toEqual([]);
    // The check reads real advice: the questions on a strange app already installed name the bank.
    const advising = content.questions.filter((q) => read(q).some((t) => t.search(TRIGGER) >= 0 && BANK.test(t)));
    expect(advising.map((q) => q.id)).toEqual(expect.arrayContaining(["10-07", "10-15"]));
    for (const tip of content.tips) if (tip.check) expect(read(tip.check).flatMap(wrongOrderPassages), `${tip.id} check`).toEqual([]);
  });

  it("reads a question's right answer in the light of its question", () => {
    const question = { question: "Bạn lỡ cài một ứng dụng lạ. Làm gì trước?", options: ["Gọi ngân hàng, rồi tắt mạng", "Tắt Wi-Fi, rồi gọi ngân hàng", "Chờ", "Gỡ"], answer: 0 };
    expect(wrongOrderPassages(`${question.question} ${question.options[question.answer]}`)).toHaveLength(1);
    expect(wrongOrderPassages(`${question.question} ${question.options[1]}`)).toEqual([]);
  });

  it("asks the shop to copy photos and contacts first wherever it advises a factory reset (a reset erases them)", () => {
    const texts = [
      ...content.lessons.flatMap((l) => [...l.chat, l.intro, l.warning.markdown, l.practice.markdown, ...l.sections.map((s) => s.markdown)]),
      ...content.tips.map(renderTip),
    ];
    const resets = texts.flatMap((t) => t.split(/\n+/)).filter((line) => /khôi phục cài đặt gốc/u.test(line));
    expect(resets.length).toBeGreaterThanOrEqual(7);
    for (const line of resets) expect(line).toMatch(/chép lại ảnh, danh bạ/u);
  });

  it("says where it gives the full steps that uninstalling the app is not enough", () => {
    const full = content.lessons.flatMap((l) => [...l.chat, l.warning.markdown, ...l.sections.map((s) => s.markdown)]).filter((t) => /khôi phục cài đặt gốc/u.test(t));
    expect(full.length).toBeGreaterThan(0);
    for (const text of full) expect(text).toMatch(/gỡ ứng dụng là chưa đủ/iu);
  });
});
