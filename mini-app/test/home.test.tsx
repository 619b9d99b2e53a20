import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { CERTIFICATE, startAt } from "./fake-api";

describe("home", () => {
  it("greets by name, shows overall progress and the tip of the day", async () => {
    const api = startAt("/");
    api.status.set(1, "done");
    api.status.set(2, "done");
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 1, name: "Xin chào, Bà Lan!" })).toBeTruthy();
    expect(await screen.findByText("Bạn đã học xong 2/12 bài.")).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Số bài đã học xong" }).getAttribute("aria-valuenow")).toBe("2");
    const tip = await screen.findByRole("region", { name: "Mẹo hôm nay" });
    expect(within(tip).getByText("Đặt mật mã 6 số cho điện thoại.")).toBeTruthy();
  });

  it("“Học tiếp” opens the next step the server names", async () => {
    const api = startAt("/");
    api.status.set(1, "done");
    api.status.set(2, "in_progress");
    render(<MiniApp />);
    const next = await screen.findByRole("button", { name: /Học tiếp.*Bài 2/ });
    fireEvent.click(next);
    expect(await screen.findByRole("heading", { level: 1, name: "Bài 2: Tài khoản và mật khẩu" })).toBeTruthy();
  });

  it("leads to the certificate once there is one", async () => {
    const api = startAt("/");
    api.certificate = CERTIFICATE;
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: /Học tiếp.*Xem giấy chứng nhận/ }));
    expect(await screen.findByText("Nguyễn Thị Lan")).toBeTruthy();
  });

  it("still offers lesson 1 when the server cannot be reached", async () => {
    const api = startAt("/");
    api.online = false;
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: /Học tiếp.*Bài 1/ }));
    // Offline and never opened: the reader explains and offers a retry instead of a blank screen.
    expect(await screen.findByText(/không có mạng/)).toBeTruthy();
    api.online = true;
    fireEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 1" })).toBeTruthy();
  });
});
