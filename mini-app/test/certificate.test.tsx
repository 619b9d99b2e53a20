import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MiniApp } from "../src/app";
import { certificatePng } from "../src/certificate/image";
import { CERTIFICATE, startAt } from "./fake-api";

const preview = () => document.querySelector(".name-preview")?.textContent ?? "";

describe("certificate", () => {
  it("shows name, date, code and a QR code for the check page", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    render(<MiniApp />);
    expect(await screen.findByText("Nguyễn Thị Lan")).toBeTruthy();
    expect(screen.getByText("20/11/2026")).toBeTruthy();
    expect(screen.getByText("KNS-7Q2X-9P")).toBeTruthy();
    expect(screen.getByText("18/20")).toBeTruthy();
    const qr = await screen.findByRole("img", { name: "Mã QR mở trang kiểm tra giấy chứng nhận" });
    expect(decodeURIComponent(qr.getAttribute("src") ?? "")).toMatch(/^data:image\/svg\+xml.*<svg/s);
    expect(screen.getByRole("link", { name: CERTIFICATE.checkUrl }).getAttribute("href")).toBe(CERTIFICATE.checkUrl);
  });

  it("opens the check page through the host, not in place of the app", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    render(<MiniApp />);
    expect(fireEvent.click(await screen.findByRole("link", { name: CERTIFICATE.checkUrl }))).toBe(false);
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith(CERTIFICATE.checkUrl, "_blank", "noopener"));
  });

  it("uses the QR code the server drew when there is one", async () => {
    const api = startAt("/certificate");
    api.certificate = { ...CERTIFICATE, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" id="server-qr"></svg>' };
    render(<MiniApp />);
    const qr = await screen.findByRole("img", { name: "Mã QR mở trang kiểm tra giấy chứng nhận" });
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
      expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: CERTIFICATE.checkUrl, title: "Giấy chứng nhận Kỹ Năng Số" }));
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
      expect(await screen.findByText(/Đã chép đường link kiểm tra/)).toBeTruthy();
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
    await screen.findByRole("img", { name: "Mã QR mở trang kiểm tra giấy chứng nhận" });
    fireEvent.click(screen.getByRole("button", { name: "Lưu ảnh giấy chứng nhận" }));
    expect(await screen.findByText(/Chưa lưu được ảnh/)).toBeTruthy();
  });

  it("without a certificate, explains how to get one", async () => {
    startAt("/certificate");
    render(<MiniApp />);
    expect(await screen.findByText(/Bạn chưa có giấy chứng nhận/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Làm bài thi cuối khóa" })).toBeTruthy();
    expect(screen.queryByLabelText("Họ và tên")).toBeNull();
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

describe("what the certificate says it certifies", () => {
  it("the final test and the lessons passed; the whole course only with all 12", async () => {
    const api = startAt("/certificate");
    api.certificate = { ...CERTIFICATE, lessons: [12, 1, 2] };
    const share = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    try {
      render(<MiniApp />);
      expect(await screen.findByText("đã đạt bài thi cuối khóa Kỹ Năng Số")).toBeTruthy();
      expect(screen.getByText("Đã đạt bài kiểm tra 3/12 bài: Bài 1, Bài 2, Bài 12.")).toBeTruthy();
      expect(screen.queryByText(/hoàn thành khóa học/)).toBeNull();
      fireEvent.click(screen.getByRole("button", { name: "Chia sẻ qua Zalo" }));
      await vi.waitFor(() => expect(share).toHaveBeenCalledTimes(1));
      expect(share).toHaveBeenCalledWith(expect.objectContaining({ text: "Nguyễn Thị Lan đã đạt bài thi cuối khóa Kỹ Năng Số. Kiểm tra giấy chứng nhận tại:" }));
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
  });

  it("the picture carries the same words, long lines wrapped rather than squeezed", async () => {
    const drawn: { text: string; width: number; maxWidth?: number }[] = [];
    // Width grows with the font size, as on a real canvas.
    const g = {
      font: "10px sans-serif",
      fillRect: vi.fn(),
      strokeRect: vi.fn(),
      drawImage: vi.fn(),
      measureText(t: string) {
        return { width: t.length * Number(/(\d+)px/.exec(this.font)![1]) * 0.55 };
      },
      fillText(text: string, _x: number, _y: number, maxWidth?: number) {
        drawn.push({ text, width: this.measureText(text).width, maxWidth });
      },
    };
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(g as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockReturnValue("data:image/png;base64,AA");
    // jsdom loads no images: the QR picture "arrives" at once.
    vi.stubGlobal(
      "Image",
      class {
        onload: (() => void) | null = null;
        set src(_: string) {
          setTimeout(() => this.onload?.());
        }
      },
    );
    const texts = () => drawn.map((d) => d.text);
    expect(await certificatePng({ ...CERTIFICATE, lessons: [1, 9] }, "data:,")).toBe("data:image/png;base64,AA");
    expect(texts()).toContain("đã đạt bài thi cuối khóa Kỹ Năng Số");
    expect(texts()).toContain("Đã đạt bài kiểm tra 2/12 bài: Bài 1, Bài 9.");
    expect(texts().join("\n")).not.toMatch(/hoàn thành/);
    drawn.length = 0;
    // All 12 lessons and a long name: the lines wrap, the course is complete.
    const name = "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Phước";
    g.drawImage.mockClear();
    await certificatePng({ ...CERTIFICATE, name }, "data:,");
    expect(texts().join(" ")).toContain(name);
    expect(texts().join(" ")).toContain("đã đạt bài thi cuối khóa và hoàn thành khóa học Kỹ Năng Số");
    expect(texts().join(" ")).toContain("Đã đạt bài kiểm tra 12/12 bài: Bài 1, Bài 2, Bài 3, Bài 4, Bài 5, Bài 6, Bài 7, Bài 8, Bài 9, Bài 10, Bài 11, Bài 12.");
    expect(texts()).not.toContain(name);
    for (const d of drawn) {
      expect(d.maxWidth, d.text).toBeUndefined();
      expect(d.width, d.text).toBeLessThanOrEqual(960);
    }
    // The QR code still fits on the picture, above the check address.
    const [, , qrTop, qrSize] = g.drawImage.mock.calls[0] as number[];
    expect(qrTop! + qrSize! + 110).toBeLessThanOrEqual(1350);
    expect(qrSize).toBeGreaterThanOrEqual(240);
  });

});

describe("the name on the certificate", () => {
  it("after a pass asks the name, prefilled from Zalo, previews it as printed, and issues only on confirmation", async () => {
    const api = startAt("/certificate");
    api.passedScore = 18;
    api.quizBest.set(1, 5).set(3, 4);
    render(<MiniApp />);
    const field = await screen.findByLabelText("Họ và tên");
    expect((field as HTMLInputElement).value).toBe("Bà Lan"); // the Zalo name, as the server offers it
    expect(screen.getByText(/hiện trên trang kiểm tra công khai/)).toBeTruthy();
    expect(preview()).toBe("Tên in trên giấy chứng nhận: Bà Lan");
    fireEvent.change(field, { target: { value: "  trần   thị hoa " } });
    expect(preview()).toBe("Tên in trên giấy chứng nhận: Trần Thị Hoa");
    expect(api.callsTo("POST", "/api/certificate")).toHaveLength(0); // typing issues nothing
    fireEvent.click(screen.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" }));
    expect(await screen.findByText("KNS-7Q2X-9P")).toBeTruthy();
    expect(api.callsTo("POST", "/api/certificate").map((c) => c.body)).toEqual([{ name: "Trần Thị Hoa" }]);
    expect(document.querySelector(".cert-name")?.textContent).toBe("Trần Thị Hoa");
    expect(screen.getByText("Đã đạt bài kiểm tra 2/12 bài: Bài 1, Bài 3.")).toBeTruthy();
    expect(screen.queryByLabelText("Họ và tên")).toBeNull();
  });

  it("announces the printed name once the person pauses, not on every keystroke", async () => {
    const api = startAt("/certificate");
    api.passedScore = 18;
    render(<MiniApp />);
    const field = await screen.findByLabelText("Họ và tên");
    const live = screen.getByTestId("name-announcement");
    expect(live.getAttribute("aria-live")).toBe("polite");
    await waitFor(() => expect(live.textContent).toBe("Tên in trên giấy chứng nhận: Bà Lan"));
    // The visible preview is the only other text near the field, and it is not a live region.
    expect(live.closest("section")!.querySelectorAll("[aria-live]")).toHaveLength(1);
    for (const typed of ["t", "tr", "trần", "trần t", "trần thị hoa"]) fireEvent.change(field, { target: { value: typed } });
    expect(preview()).toBe("Tên in trên giấy chứng nhận: Trần Thị Hoa");
    expect(live.textContent).toBe("Tên in trên giấy chứng nhận: Bà Lan");
    await waitFor(() => expect(live.textContent).toBe("Tên in trên giấy chứng nhận: Trần Thị Hoa"), { timeout: 3000 });
  });

  it("says what is wrong with a name and cannot confirm it", async () => {
    const api = startAt("/certificate");
    api.passedScore = 16;
    api.learner.displayName = "🌸🌸";
    render(<MiniApp />);
    const field = await screen.findByLabelText("Họ và tên");
    expect((field as HTMLInputElement).value).toBe(""); // a Zalo name that cannot be printed is not offered
    const confirm = screen.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" });
    expect(confirm).toHaveProperty("disabled", true);
    const cases: [string, RegExp][] = [
      ["1234", /không có chữ số/],
      ["Hoa 🌸", /biểu tượng cảm xúc/],
      ["www.hoa.vn", /đường link/],
      ["Hoa\u200bLan", /ký tự lạ/],
      ["<b>Hoa</b>", /chỉ gồm chữ cái/],
      ["H", /ít nhất 2 chữ cái/],
      ["Nguyễn ".repeat(12), /tối đa 60 ký tự/],
    ];
    for (const [typed, message] of cases) {
      fireEvent.change(field, { target: { value: typed } });
      expect(preview(), typed).toMatch(message);
      expect(preview(), typed).not.toContain("Tên in trên giấy chứng nhận");
      expect(confirm, typed).toHaveProperty("disabled", true);
    }
    expect(api.callsTo("POST", "/api/certificate")).toHaveLength(0);
  });

  it("a certificate issued meanwhile under another name is shown as it was printed", async () => {
    const api = startAt("/certificate");
    api.passedScore = 17;
    render(<MiniApp />);
    const field = await screen.findByLabelText("Họ và tên");
    api.certificate = { ...CERTIFICATE, name: "Nguyễn Thị Lan" }; // from the chat, a moment ago
    fireEvent.change(field, { target: { value: "Lan Nguyễn" } });
    fireEvent.click(screen.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" }));
    await waitFor(() => expect(document.querySelector(".cert-name")?.textContent).toBe("Nguyễn Thị Lan"));
  });

  it("shows the server's message when it refuses, and the name can be sent again", async () => {
    const api = startAt("/certificate");
    api.passedScore = 17;
    render(<MiniApp />);
    const field = await screen.findByLabelText("Họ và tên");
    fireEvent.change(field, { target: { value: "Lê Văn Tám" } });
    api.online = false;
    fireEvent.click(screen.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" }));
    expect(await screen.findByText(/không có mạng/)).toBeTruthy();
    api.online = true;
    fireEvent.click(screen.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" }));
    await waitFor(() => expect(document.querySelector(".cert-name")?.textContent).toBe("Lê Văn Tám"));
  });
});
