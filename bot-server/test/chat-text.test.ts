import { describe, expect, it } from "vitest";
import { fold, foldCommand } from "../src/text.js";

describe("folding Vietnamese for matching", () => {
  it("ignores case, diacritics, đ, punctuation and spacing", () => {
    expect(fold("TRỢ GIÚP!")).toBe("tro giup");
    expect(fold("  Trợ   giúp?? ")).toBe("tro giup");
    expect(fold("Đăng ký")).toBe("dang ky");
    expect(fold("xóa dữ liệu")).toBe(fold("XOÁ DỮ LIỆU"));
  });
  it("treats decomposed input (NFD from some keyboards) like composed", () => {
    expect(fold("tro\u0323 giu\u0301p")).toBe("tro giup");
  });
  it("splits digits from letters for commands", () => {
    expect(foldCommand("bai3")).toBe("bai 3");
    expect(foldCommand("BÀI  3!")).toBe("bai 3");
    expect(foldCommand("nhắc 20h")).toBe("nhac 20 h");
  });
  it("leaves emoji-only text empty rather than crashing", () => {
    expect(fold("🙏🙏")).toBe("");
  });
});
