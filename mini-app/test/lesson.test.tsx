import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MiniApp } from "../src/app";
import { lessonDetail, startAt } from "./fake-api";

describe("lesson reader", () => {
  it("shows the illustration, sections, what to remember, practice, warning and sources", async () => {
    startAt("/lesson/1");
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 1" })).toBeTruthy();
    expect(screen.getByText("Không bấm vào đường dẫn lạ.")).toBeTruthy();
    expect(screen.getByRole("region", { name: "Điều cần nhớ" }).textContent).toContain("Mã OTP là bí mật.");
    expect(screen.getByRole("region", { name: "Thực hành ngay" }).textContent).toContain("bật khóa màn hình");
    expect(screen.getByRole("complementary", { name: "Cẩn thận" }).textContent).toContain("mã OTP");
    expect(screen.getByRole("link", { name: "Cẩm nang an toàn thông tin" }).getAttribute("href")).toBe("https://example.vn/cam-nang");
    // Decorative picture: no text baked in, hidden from screen readers.
    expect(document.querySelector("img.illustration")?.getAttribute("alt")).toBe("");
  });

  it("a link to another lesson opens it inside the app, without loading a new page", async () => {
    startAt("/lesson/3");
    render(<MiniApp />);
    const link = await screen.findByRole("link", { name: "Bài 4" });
    // false: the browser's own navigation (inside Zalo, to h5.zdn.vn/lesson/4, out of the app) was prevented.
    expect(fireEvent.click(link)).toBe(false);
    expect(await screen.findByRole("heading", { level: 1, name: "Bài 4: Nhắn tin và gọi video" })).toBeTruthy();
    expect(window.location.pathname).toBe("/lesson/4");
  });

  it("a web link opens through the host (a new tab here, Zalo's web view inside Zalo), leaving the app in place", async () => {
    startAt("/lesson/1");
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    render(<MiniApp />);
    const link = await screen.findByRole("link", { name: "Cẩm nang an toàn thông tin" });
    expect(fireEvent.click(link)).toBe(false);
    await waitFor(() => expect(open).toHaveBeenCalledWith("https://example.vn/cam-nang", "_blank", "noopener"));
    expect(window.location.pathname).toBe("/lesson/1");
  });

  it("reads offline once opened", async () => {
    const api = startAt("/lesson/5");
    const first = render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 5" });
    first.unmount();
    api.online = false;
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 2, name: "Phần 2 của bài 5" })).toBeTruthy();
    expect(screen.queryByText(/không có mạng/)).toBeNull();
    // The phone's own signal goes: a calm banner, the lesson stays.
    window.dispatchEvent(new Event("offline"));
    expect(await screen.findByText(/Bạn đang không có mạng\. Bài đã mở vẫn đọc được/)).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Phần 2 của bài 5" })).toBeTruthy();
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(screen.queryByText(/Bạn đang không có mạng/)).toBeNull());
  });

  it("uses the lesson the page asked for while the app was loading (inline prefetch in index.html)", async () => {
    const api = startAt("/lesson/9");
    const early = { ...lessonDetail(9), title: "Bài đã tải sẵn" };
    window.__knsLesson = { id: 9, response: Promise.resolve(new Response(JSON.stringify({ lesson: early }))) };
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 1, name: "Bài 9: Bài đã tải sẵn" })).toBeTruthy();
    expect(api.callsTo("GET", "/api/lessons/9")).toHaveLength(0);
    expect(window.__knsLesson).toBeUndefined();
  });

  it("ignores a prefetch for another lesson", async () => {
    const api = startAt("/lesson/10");
    window.__knsLesson = { id: 2, response: Promise.resolve(new Response("{}")) };
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 1, name: "Bài 10: Chăm sóc sức khỏe qua mạng" })).toBeTruthy();
    expect(api.callsTo("GET", "/api/lessons/10")).toHaveLength(1);
    window.__knsLesson = undefined;
  });

  it("does not wait for sign-in to show the lesson", async () => {
    const api = startAt("/lesson/2");
    api.signInDown = true;
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 2" })).toBeTruthy();
  });

  it("marks the lesson open, then done on the server", async () => {
    const api = startAt("/lesson/3");
    render(<MiniApp />);
    await waitFor(() => expect(api.status.get(3)).toBe("in_progress"));
    fireEvent.click(await screen.findByRole("button", { name: "Tôi đã học xong" }));
    expect(await screen.findByText(/Bạn đã học xong bài này/)).toBeTruthy();
    await waitFor(() => expect(api.status.get(3)).toBe("done"));
  });

  it("a lesson the phone knows is finished says so instead of asking again", async () => {
    const api = startAt("/");
    api.status.set(2, "done");
    const home = render(<MiniApp />);
    await screen.findByText("Bạn đã học xong 1/12 bài.");
    home.unmount();
    window.history.replaceState(null, "", "/lesson/2");
    render(<MiniApp />);
    expect(await screen.findByText(/Bạn đã học xong bài này/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Tôi đã học xong" })).toBeNull();
  });

  it("keeps “done” on the phone when offline and sends it when the network returns", async () => {
    const api = startAt("/lesson/4");
    render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 4" });
    api.online = false;
    fireEvent.click(screen.getByRole("button", { name: "Tôi đã học xong" }));
    expect(await screen.findByText(/sẽ tự gửi khi có mạng/)).toBeTruthy();
    expect(api.status.get(4)).not.toBe("done");
    api.online = true;
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(api.status.get(4)).toBe("done"));
    await waitFor(() => expect(screen.queryByText(/sẽ tự gửi khi có mạng/)).toBeNull());
  });

  it("answers an unknown lesson number plainly", async () => {
    startAt("/lesson/99");
    render(<MiniApp />);
    expect(await screen.findByText("Không có bài học này.")).toBeTruthy();
  });
});
