import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { startAt } from "./fake-api";

// Each route is a deep link: a QR code or an OA message can open any of them directly.
describe("deep links", () => {
  const cases: [string, string | RegExp][] = [
    ["/", "Xin chào, Bà Lan!"],
    ["/lessons", "12 bài học"],
    ["/lesson/3", "Bài 3: Nhận biết lừa đảo"],
    ["/lesson/3/quiz", "Bài kiểm tra của Bài 3"],
    ["/final-test", "Bài thi cuối khóa"],
    ["/certificate", "Giấy chứng nhận của bạn"],
    ["/settings", "Cài đặt"],
    ["/khong-co-trang-nay", "Không tìm thấy trang"],
    ["/lesson/abc", "Không tìm thấy bài học"],
  ];
  for (const [path, heading] of cases) {
    it(`${path} opens its own screen`, async () => {
      startAt(path);
      render(<MiniApp />);
      expect(await screen.findByRole("heading", { level: 1, name: heading })).toBeTruthy();
      expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    });
  }

  it("keeps the query string working: /lesson/2?src=buudien opens lesson 2", async () => {
    startAt("/lesson/2?src=buudien&ref=tnv01");
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 2" })).toBeTruthy();
  });

  it("the page is declared Vietnamese", async () => {
    const { readFileSync } = await import("node:fs");
    const html = readFileSync(`${process.cwd()}/mini-app/index.html`, "utf8");
    expect(html).toMatch(/<html lang="vi">/);
  });
});
