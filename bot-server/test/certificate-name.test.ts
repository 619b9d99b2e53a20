import { describe, expect, it } from "vitest";
import { checkCertificateName, CERTIFICATE_NAME_MAX } from "../src/learning/certificate-name.js";
import { certifiesLine, lessonsPassedLine, lessonsPassedSummary } from "../src/learning/certificate-wording.js";

const printed = (typed: string) => {
  const checked = checkCertificateName(typed);
  return checked.ok ? checked.name : `✗ ${checked.message}`;
};

describe("the name printed on a certificate (both doors)", () => {
  it("writes the name as it will be printed: NFC, trimmed, single spaces, each word capitalised", () => {
    expect(printed("trần thị hoa")).toBe("Trần Thị Hoa");
    expect(printed("  nguyễn   THỊ  lan \n")).toBe("Nguyễn Thị Lan");
    expect(printed("đặng văn an")).toBe("Đặng Văn An");
    expect(printed("Nguye\u0302\u0303n Van B")).toBe("Nguyễn Van B"); // decomposed marks become one letter
    expect(printed("Nguye\u0302\u0303n Van B").normalize("NFC")).toBe(printed("Nguye\u0302\u0303n Van B"));
    expect(printed("h'hen niê")).toBe("H'Hen Niê");
    expect(printed("nguyễn-trần thu\u00a0hà")).toBe("Nguyễn-Trần Thu Hà");
    expect(printed("Lò Văn Ư")).toBe("Lò Văn Ư");
    expect(printed("ab")).toBe("Ab");
  });

  it("drops punctuation typed around the name; a hyphen or apostrophe only between letters", () => {
    expect(printed("Ngọc Ánh.")).toBe("Ngọc Ánh");
    expect(printed("Hoa -")).toBe("Hoa");
    expect(printed("- Hoa")).toBe("Hoa");
    expect(printed("'trần thị hoa'!")).toBe("Trần Thị Hoa");
    expect(printed("  lê văn tám ;:,?  ")).toBe("Lê Văn Tám");
    expect(printed("h’hen niê")).toBe("H’Hen Niê");
    for (const typed of ["Hoa - Lan", "Hoa--Lan", "Hoa -Lan", "Hoa' Lan", "Nguyễn '-Hoa"]) {
      expect(printed(typed), typed).toMatch(/^✗ Dấu gạch nối \(-\) và dấu nháy \('\) chỉ đứng liền giữa hai chữ/);
    }
    expect(printed("Hoa. Lan")).toMatch(/^✗ Tên chỉ gồm chữ cái/);
    expect(printed("...")).toMatch(/^✗ Bạn chưa gõ tên/);
  });

  it("refuses what is not a name, each with a message saying what to change", () => {
    const cases: [string, RegExp][] = [
      ["", /chưa gõ tên/],
      ["   ", /chưa gõ tên/],
      ["1234", /không có chữ số/],
      ["Lan 2", /không có chữ số/],
      ["Lan ٣", /không có chữ số/],
      ["Lan 🎉", /biểu tượng cảm xúc/],
      ["Hoa ❤️", /biểu tượng cảm xúc/],
      ["🇻🇳", /biểu tượng cảm xúc/],
      ["http://lừa.vn", /đường link/],
      ["www.abc", /đường link/],
      ["hoa.vn", /đường link/],
      ["lan@gmail", /đường link hay địa chỉ thư/],
      ["Trần\u0000Hoa", /ký tự lạ/],
      ["Trần\u200bHoa", /ký tự lạ/],
      ["Trần\u202eHoa", /ký tự lạ/],
      ["Trần\u0007Hoa", /ký tự lạ/],
      ["<b>Hoa</b>", /chỉ gồm chữ cái/],
      ["Hoa; DROP", /chỉ gồm chữ cái/],
      ["#cert-name:zalo", /chỉ gồm chữ cái/],
      ["A", /ít nhất 2 chữ cái/],
      ["A-", /ít nhất 2 chữ cái/],
      ["a".repeat(CERTIFICATE_NAME_MAX + 1), /tối đa 60 ký tự, tên bạn gõ có 61 ký tự/],
    ];
    for (const [typed, message] of cases) {
      const checked = checkCertificateName(typed);
      expect(checked.ok, JSON.stringify(typed)).toBe(false);
      if (!checked.ok) expect(checked.message, JSON.stringify(typed)).toMatch(message);
    }
    expect(checkCertificateName("a".repeat(CERTIFICATE_NAME_MAX)).ok).toBe(true);
  });
});

describe("what a certificate certifies", () => {
  it("is the final test; the whole course only when all 12 lessons' quizzes were passed", () => {
    expect(certifiesLine([])).toBe("đã đạt bài thi cuối khóa Kỹ Năng Số");
    expect(certifiesLine([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11])).toBe("đã đạt bài thi cuối khóa Kỹ Năng Số");
    expect(certifiesLine([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toBe("đã đạt bài thi cuối khóa và hoàn thành khóa học Kỹ Năng Số");
    expect(lessonsPassedSummary([])).toBe("Chưa đạt bài kiểm tra của bài học nào");
    expect(lessonsPassedLine([12, 1, 9])).toBe("Đã đạt bài kiểm tra 3/12 bài: Bài 1, Bài 9, Bài 12.");
    expect(lessonsPassedLine([])).toBe("Chưa đạt bài kiểm tra của bài học nào.");
  });
});
