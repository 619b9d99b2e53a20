import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MiniApp } from "../src/app";

afterEach(() => vi.unstubAllGlobals());

describe("home page", () => {
  it("lists the lessons from the server", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ lessons: [{ id: 1, slug: "a", title: "Sử dụng trình duyệt an toàn", summary: "Lướt web an toàn.", minutes: 8 }] }))));
    render(<MiniApp />);
    expect(await screen.findByText("Bài 1. Sử dụng trình duyệt an toàn")).toBeTruthy();
    expect(screen.getByText("8 phút · Lướt web an toàn.")).toBeTruthy();
  });

  it("explains a failed load in Vietnamese and retries on request", async () => {
    const fetchMock = vi.fn(async () => new Response("down", { status: 503 }));
    vi.stubGlobal("fetch", fetchMock);
    render(<MiniApp />);
    const retry = await screen.findByText("Thử lại");
    expect(screen.getByText(/Chưa tải được danh sách bài học/)).toBeTruthy();
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ lessons: [{ id: 2, slug: "b", title: "Thanh toán", summary: "x", minutes: 5 }] })));
    fireEvent.click(retry);
    expect(await screen.findByText("Bài 2. Thanh toán")).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
