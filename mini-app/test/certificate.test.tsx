import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MiniApp } from "../src/app";
import { CERTIFICATE, startAt } from "./fake-api";

describe("certificate", () => {
  it("shows name, date, code and a QR code for the check page", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    render(<MiniApp />);
    expect(await screen.findByText("Nguyễn Thị Lan")).toBeTruthy();
    expect(screen.getByText("20/11/2026")).toBeTruthy();
    expect(screen.getByText("KNS-7Q2X-9P")).toBeTruthy();
    expect(screen.getByText("18/20")).toBeTruthy();
    const qr = await screen.findByRole("img", { name: "Mã QR mở trang kiểm tra chứng nhận" });
    expect(decodeURIComponent(qr.getAttribute("src") ?? "")).toMatch(/^data:image\/svg\+xml.*<svg/s);
    expect(screen.getByRole("link", { name: CERTIFICATE.checkUrl }).getAttribute("href")).toBe(CERTIFICATE.checkUrl);
  });

  it("uses the QR code the server drew when there is one", async () => {
    const api = startAt("/certificate");
    api.certificate = { ...CERTIFICATE, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" id="server-qr"></svg>' };
    render(<MiniApp />);
    const qr = await screen.findByRole("img", { name: "Mã QR mở trang kiểm tra chứng nhận" });
    expect(decodeURIComponent(qr.getAttribute("src") ?? "")).toContain('id="server-qr"');
  });

  it("shares the check link through the share sheet", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    const share = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    try {
      render(<MiniApp />);
      fireEvent.click(await screen.findByRole("button", { name: "Chia sẻ qua Zalo" }));
      await vi.waitFor(() => expect(share).toHaveBeenCalledTimes(1));
      expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: CERTIFICATE.checkUrl, title: "Chứng nhận Kỹ Năng Số" }));
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
  });

  it("without a share sheet, copies the link and says so", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    try {
      render(<MiniApp />);
      fireEvent.click(await screen.findByRole("button", { name: "Chia sẻ qua Zalo" }));
      expect(await screen.findByText(/Đã chép đường dẫn kiểm tra/)).toBeTruthy();
      expect(writeText).toHaveBeenCalledWith(expect.stringContaining(CERTIFICATE.checkUrl));
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it("says when saving as an image is not possible here", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    render(<MiniApp />);
    await screen.findByRole("img", { name: "Mã QR mở trang kiểm tra chứng nhận" });
    fireEvent.click(screen.getByRole("button", { name: "Lưu ảnh chứng nhận" }));
    expect(await screen.findByText(/Chưa lưu được ảnh/)).toBeTruthy();
  });

  it("without a certificate, explains how to get one", async () => {
    startAt("/certificate");
    render(<MiniApp />);
    expect(await screen.findByText(/Bạn chưa có chứng nhận/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Làm bài kiểm tra cuối khóa" })).toBeTruthy();
  });

  it("stays viewable offline once loaded", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    const first = render(<MiniApp />);
    await screen.findByText("KNS-7Q2X-9P");
    first.unmount();
    api.online = false;
    render(<MiniApp />);
    expect(await screen.findByText("KNS-7Q2X-9P")).toBeTruthy();
  });
});
