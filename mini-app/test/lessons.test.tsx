import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { startAt } from "./fake-api";

describe("lessons list", () => {
  it("lists the 12 lessons with their status and best quiz score", async () => {
    const api = startAt("/lessons");
    api.status.set(1, "done");
    api.quizBest.set(1, 5);
    api.status.set(2, "in_progress");
    render(<MiniApp />);
    const first = await screen.findByRole("button", { name: /Bài 1: Dùng điện thoại an toàn/ });
    expect(await screen.findByRole("button", { name: /Bài 1:.*Đã xong · Bài kiểm tra: 5\/5/ })).toBe(first);
    expect(screen.getByRole("button", { name: /Bài 2:.*Đang học/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Bài 12: Dạy lại cho người thân.*Chưa học/ })).toBeTruthy();
    expect(screen.getAllByRole("button", { name: /^Bài \d+:/ })).toHaveLength(12);
    // Reading time as the lesson's front matter gives it, in the shared words.
    expect(first.textContent).toMatch(/khoảng \d+ phút$/);
  });

  it("shows the list without progress when sign-in fails (status: chưa học)", async () => {
    const api = startAt("/lessons");
    api.signInDown = true;
    render(<MiniApp />);
    expect(await screen.findByRole("button", { name: /Bài 4: Nhắn tin và gọi video.*Chưa học/ })).toBeTruthy();
  });

  it("says plainly when the server fails and nothing is cached", async () => {
    const api = startAt("/lessons");
    api.fetch.mockImplementation(async () => new Response("{}", { status: 503 }));
    render(<MiniApp />);
    expect(await screen.findByText(/Máy chủ đang bận/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Thử lại" })).toBeTruthy();
  });
});
