// The advice after installing a strange app must follow the one shared order (issue 10, point 16):
// cut the network first, then call the bank. "Call the bank, then cut the network" once sat in three
// lessons and a tip; this keeps every lesson text and tip in the right order.
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/load.js";
import { renderTip } from "../src/tips.js";

const TRIGGER = /lỡ cài/giu;
const NETWORK = /wi-fi|dữ liệu di động|ngắt mạng|tắt mạng|chế độ máy bay/iu;
const BANK = /ngân hàng/iu;
/** How far after "lỡ cài" the advice may run (the four numbered steps fit in this). */
const WINDOW = 600;

/** Each "lỡ cài …" passage whose advice names the bank before cutting the network. */
function wrongOrderPassages(text: string): string[] {
  const wrong: string[] = [];
  for (const match of text.matchAll(TRIGGER)) {
    const passage = text.slice(match.index, match.index + WINDOW);
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

  it("says where it gives the full steps that uninstalling the app is not enough", () => {
    const full = content.lessons.flatMap((l) => [...l.chat, l.warning.markdown, ...l.sections.map((s) => s.markdown)]).filter((t) => /khôi phục cài đặt gốc/u.test(t));
    expect(full.length).toBeGreaterThan(0);
    for (const text of full) expect(text).toMatch(/gỡ ứng dụng là chưa đủ/iu);
  });
});
