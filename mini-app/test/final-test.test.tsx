import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { CERTIFICATE, startAt } from "./fake-api";

async function answerTwenty(wrong: number) {
  for (let i = 0; i < 20; i++) {
    expect(await screen.findByText(`Câu ${i + 1}/20`)).toBeTruthy();
    const k = 100 + i;
    fireEvent.click(screen.getByRole("button", { name: i < wrong ? new RegExp(`Sai ${k}a`) : new RegExp(`Đúng ${k}`) }));
    fireEvent.click(screen.getByRole("button", { name: i < 19 ? "Câu tiếp theo" : "Nộp bài" }));
  }
}

describe("final test", () => {
  it("explains, asks 20 questions one per screen, and a pass leads to the certificate", async () => {
    const api = startAt("/final-test");
    render(<MiniApp />);
    expect(await screen.findByText(/đúng ít nhất 16 câu/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Bắt đầu làm bài" }));
    expect(await screen.findByText("Câu 1/20")).toBeTruthy();
    // No answer is shown before submitting, and "next" waits for a choice.
    expect(screen.getByRole("button", { name: "Câu tiếp theo" })).toHaveProperty("disabled", true);
    await answerTwenty(2);
    expect(await screen.findByText("Bạn trả lời đúng 18/20 câu.")).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Bạn trả lời đúng 18/20 câu.");
    expect(screen.getByText(/Chúc mừng/)).toBeTruthy();
    const submitted = api.calls.filter((c) => /\/api\/final-test\/.+\/submit$/.test(c.path));
    expect(submitted).toHaveLength(1);
    expect((submitted[0]!.body?.answers as unknown[]).length).toBe(20);
    // Review of the two mistakes with the right answer spelled out.
    expect(screen.getByRole("heading", { name: "Xem lại câu chưa đúng" })).toBeTruthy();
    expect(screen.getByText("Đáp án đúng: Đúng 100")).toBeTruthy();
    expect(screen.getByText("Bạn chọn: Sai 101a")).toBeTruthy();
    // The certificate waits for the name: asked right here, previewed as printed, issued on confirmation.
    expect(api.certificate).toBeNull();
    const field = await screen.findByLabelText("Họ và tên");
    fireEvent.change(field, { target: { value: "phạm thị thu" } });
    expect(document.querySelector(".name-preview")?.textContent).toBe("Tên in trên giấy chứng nhận: Phạm Thị Thu");
    fireEvent.click(screen.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" }));
    expect(await screen.findByText("KNS-7Q2X-9P")).toBeTruthy();
    expect(await screen.findByRole("heading", { level: 1, name: "Giấy chứng nhận của bạn" })).toBeTruthy();
    expect(document.querySelector(".cert-name")?.textContent).toBe("Phạm Thị Thu");
  });

  it("a pass while the certificate cannot be fetched says so with “Thử lại”, not the copy from before the test", async () => {
    const api = startAt("/certificate");
    const before = render(<MiniApp />);
    expect(await screen.findByText(/Bạn chưa có giấy chứng nhận/)).toBeTruthy(); // kept on the phone
    before.unmount();
    window.history.replaceState(null, "", "/final-test");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }));
    const real = api.fetch.getMockImplementation()!;
    api.fetch.mockImplementation(async (input, init) => {
      if (new URL(String(input), "http://localhost").pathname === "/api/certificate") throw new TypeError("Failed to fetch");
      return real(input, init);
    });
    await answerTwenty(1);
    expect(await screen.findByText("Bạn trả lời đúng 19/20 câu.")).toBeTruthy();
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Xem giấy chứng nhận" })).toBeNull();
    api.fetch.mockImplementation(real);
    fireEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect(await screen.findByLabelText("Họ và tên")).toBeTruthy();
  });

  it("a fail shows when the person may try again", async () => {
    startAt("/final-test");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }));
    await answerTwenty(5);
    expect(await screen.findByText("Bạn trả lời đúng 15/20 câu.")).toBeTruthy();
    expect(screen.getByText(/Cần đúng ít nhất 16 câu.*làm lại từ 15:30 ngày 24\/11\/2026/)).toBeTruthy();
  });

  it("after an interruption, continues the same attempt at the question where the person stopped", async () => {
    const api = startAt("/final-test");
    const first = render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }));
    for (let i = 0; i < 3; i++) {
      fireEvent.click(await screen.findByRole("button", { name: new RegExp(`Đúng ${100 + i}`) }));
      fireEvent.click(screen.getByRole("button", { name: "Câu tiếp theo" }));
    }
    await screen.findByText("Câu 4/20");
    first.unmount(); // Zalo closed, phone call…

    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }));
    expect(await screen.findByText("Câu 4/20")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Câu trước" }));
    expect((await screen.findByRole("button", { name: /Đúng 102/ })).getAttribute("aria-pressed")).toBe("true");
    const ids = new Set(api.callsTo("POST", "/api/final-test").map((c) => c.body?.attemptId));
    expect(ids.size).toBe(1);
  });

  it("tells someone who already passed that the certificate is theirs", async () => {
    const api = startAt("/final-test");
    api.certificate = CERTIFICATE;
    render(<MiniApp />);
    expect(await screen.findByText(/Bạn đã đạt bài thi cuối khóa.*giấy chứng nhận vẫn giữ nguyên/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Bắt đầu làm bài" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Xem giấy chứng nhận" })).toBeTruthy();
  });

  it("someone who passed but has no certificate yet is invited to get it, not told it stays", async () => {
    const api = startAt("/final-test");
    api.passedScore = 17;
    render(<MiniApp />);
    expect(await screen.findByText(/Bạn đã đạt bài thi cuối khóa.*xác nhận tên/)).toBeTruthy();
    expect(screen.queryByText(/giữ nguyên/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Xem giấy chứng nhận" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Nhận giấy chứng nhận" }));
    expect(await screen.findByLabelText("Họ và tên")).toBeTruthy();
  });

  it("during the pause after a fail, says when to come back instead of starting", async () => {
    const api = startAt("/final-test");
    api.finalRetryAt = "2026-11-24T08:30:00.000Z";
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }));
    expect(await screen.findByText(/làm lại từ 15:30 ngày 24\/11\/2026/)).toBeTruthy();
    expect(screen.queryByText("Câu 1/20")).toBeNull();
  });

  it("a lost connection while submitting keeps the answers; “Thử lại” submits the same attempt", async () => {
    const api = startAt("/final-test");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Bắt đầu làm bài" }));
    await waitFor(() => expect(api.callsTo("POST", "/api/final-test")).toHaveLength(1));
    const startId = api.callsTo("POST", "/api/final-test")[0]!.body?.attemptId;
    for (let i = 0; i < 19; i++) {
      fireEvent.click(await screen.findByRole("button", { name: new RegExp(`Đúng ${100 + i}`) }));
      fireEvent.click(screen.getByRole("button", { name: "Câu tiếp theo" }));
    }
    fireEvent.click(await screen.findByRole("button", { name: /Đúng 119/ }));
    api.online = false;
    fireEvent.click(screen.getByRole("button", { name: "Nộp bài" }));
    expect(await screen.findByText(/không có mạng/)).toBeTruthy();
    api.online = true;
    fireEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect(await screen.findByText("Bạn trả lời đúng 20/20 câu.")).toBeTruthy();
    const paths = api.calls.filter((c) => c.path.endsWith("/submit")).map((c) => c.path);
    expect(new Set(paths)).toEqual(new Set([`/api/final-test/${String(startId)}/submit`]));
  });
});
