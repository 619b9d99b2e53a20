// Explanations are read by older learners right after an answer: they say why, in plain words, and cite no
// newspaper (a lesson's sources list is where sources live). Names of legal texts stay: they are the rule.
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/load.js";

/** A news outlet, or a "(…, M/YYYY)" citation in brackets. */
const PRESS = /\b(Người Lao Động|CafeF|VnExpress|Tuổi Trẻ|Thanh Niên|Dân trí|Vietnamnet|VietNamNet|Zing|Lao Động|VTV|VOV|Báo [A-ZĐ]\p{L}*)|\([^()]*\b\d{1,2}\/20\d{2}\)/u;
const LEGAL = /(Thông tư|Nghị định|Quyết định|Chỉ thị|Luật) [\p{L}\d\/-]+/u;

function citations(text: string): string[] {
  const found = PRESS.exec(text);
  return found ? [found[0]] : [];
}

describe("question explanations", () => {
  const content = loadContent();

  it("recognise a newspaper citation, not a legal reference", () => {
    expect(citations("Ứng dụng thuế là eTax Mobile (Thuế Gia Lai qua Báo Gia Lai, Người Lao Động, 1/2026).")).not.toEqual([]);
    expect(citations("Tin như vậy là giả (CafeF, 8/2025).")).not.toEqual([]);
    expect(citations("Công an Đà Nẵng, Lai Châu (7/2025) cho biết…")).not.toEqual([]);
    expect(citations("Theo Thông tư 17/2024/TT-NHNN, giao dịch điện tử bị dừng.")).toEqual([]);
    expect(citations("Theo Quyết định 2345/QĐ-NHNN, từ 1/7/2024 phải xác thực sinh trắc học.")).toEqual([]);
    expect(citations("Hãy kiểm tra trên báo chính thống.")).toEqual([]);
  });

  it("cite no newspaper, in the lesson banks and the tips' checks", () => {
    for (const q of content.questions) expect(citations(q.explanation), q.id).toEqual([]);
    for (const tip of content.tips) if (tip.check) expect(citations(tip.check.explanation), tip.id).toEqual([]);
  });

  it("keep their legal references", () => {
    expect(content.questions.filter((q) => LEGAL.test(q.explanation)).length).toBeGreaterThanOrEqual(4);
  });
});
