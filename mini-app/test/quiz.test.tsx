import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { startAt, type FakeApi } from "./fake-api";

/** Answers the five questions on screen: the right option for the first `right`, a wrong one after. */
async function answerAll(right: number) {
  for (let k = 1; k <= 5; k++) {
    expect(await screen.findByRole("heading", { level: 2, name: new RegExp(`^Câu hỏi ${k} của bài`) })).toBeTruthy();
    expect(screen.getByText(`Câu ${k}/5`)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: k <= right ? new RegExp(`Đúng ${k}`) : new RegExp(`Sai ${k}a`) }));
    expect(await screen.findByText(`Giải thích câu ${k}.`)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: k < 5 ? "Câu tiếp theo" : "Xem kết quả" }));
  }
}

const attempts = (api: FakeApi) => api.callsTo("POST", "/api/quiz-attempts");

/** Makes the server answer quiz submissions with `status`; returns a function that undoes it. */
function refuseAttempts(api: FakeApi, status: number, error: string): () => void {
  return api.answerWith((url) => url.endsWith("/api/quiz-attempts"), status, { error, message: "Máy chủ chưa nhận bài này." });
}

describe("lesson quiz", () => {
  it("asks one question per screen, explains each answer and scores 4/5 as a pass", async () => {
    const api = startAt("/lesson/1/quiz");
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 2, name: "Câu hỏi 1 của bài 1?" })).toBeTruthy();
    expect(screen.queryByText("Câu hỏi 2 của bài 1?")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Sai 1a/ }));
    expect(await screen.findByText("Chưa đúng. Đáp án đúng là: Đúng 1")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Câu tiếp theo" }));
    // The next question takes the focus, so reading starts at the question, not at the old button.
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Câu hỏi 2 của bài 1?"));
    fireEvent.click(await screen.findByRole("button", { name: /Đúng 2/ }));
    expect(await screen.findByText("Đúng rồi!")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Câu tiếp theo" }));
    for (const k of [3, 4, 5]) {
      fireEvent.click(await screen.findByRole("button", { name: new RegExp(`Đúng ${k}`) }));
      fireEvent.click(screen.getByRole("button", { name: k < 5 ? "Câu tiếp theo" : "Xem kết quả" }));
    }
    expect(await screen.findByText("Bạn trả lời đúng 4/5 câu.")).toBeTruthy();
    expect(screen.getByText(/Bạn đã qua bài kiểm tra này/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Học bài tiếp theo" })).toBeTruthy();
    await waitFor(() => expect(api.quizBest.get(1)).toBe(4));
    expect(attempts(api)).toHaveLength(1);
    expect(attempts(api)[0]!.body).toMatchObject({
      lessonId: 1,
      answers: [0, 1, 1, 1, 1].map((chosen, i) => ({ questionId: `L1-Q${i + 1}`, chosen })),
    });
  });

  it("below 4/5 suggests reading the lesson again", async () => {
    startAt("/lesson/2/quiz");
    render(<MiniApp />);
    await answerAll(3);
    expect(await screen.findByText("Bạn trả lời đúng 3/5 câu.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Đọc lại bài 2" })).toBeTruthy();
  });

  it("queues the answers offline and sends them once when the network returns, with the same attempt id", async () => {
    const api = startAt("/lesson/6/quiz");
    render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Câu hỏi 1 của bài 6?" });
    api.online = false;
    await answerAll(5);
    expect(await screen.findByText(/sẽ tự gửi khi có mạng/)).toBeTruthy();
    const tried = attempts(api);
    expect(tried.length).toBeGreaterThanOrEqual(1);
    expect(api.quizAttempts.size).toBe(0);

    api.online = true;
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(api.quizAttempts.size).toBe(1));
    await waitFor(() => expect(screen.queryByText(/sẽ tự gửi khi có mạng/)).toBeNull());
    const ids = new Set(attempts(api).map((c) => c.body?.attemptId));
    expect(ids.size).toBe(1);
    expect(api.quizBest.get(6)).toBe(5);

    // Another "online" later sends nothing more: the queue is empty.
    const before = attempts(api).length;
    window.dispatchEvent(new Event("online"));
    await new Promise((r) => setTimeout(r, 20));
    expect(attempts(api)).toHaveLength(before);
  });

  it("keeps answers through a server error and resends the same attempt on the next start", async () => {
    const api = startAt("/lesson/7/quiz");
    const first = render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Câu hỏi 1 của bài 7?" });
    api.serverDown = true;
    await answerAll(4);
    expect(await screen.findByText(/sẽ tự gửi khi có mạng/)).toBeTruthy();
    const firstId = attempts(api)[0]!.body?.attemptId;
    expect(typeof firstId).toBe("string");
    first.unmount();

    api.serverDown = false;
    window.history.replaceState(null, "", "/");
    render(<MiniApp />); // a new start retries what is waiting
    await waitFor(() => expect(api.quizAttempts.size).toBe(1));
    expect([...api.quizAttempts.keys()]).toEqual([firstId]);
    expect(new Set(attempts(api).map((c) => c.body?.attemptId))).toEqual(new Set([firstId]));
  });

  it("keeps answers the server turns away for now (429 too many requests)", async () => {
    const api = startAt("/lesson/9/quiz");
    render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Câu hỏi 1 của bài 9?" });
    const restore = refuseAttempts(api, 429, "too_many_requests");
    await answerAll(5);
    expect(await screen.findByText(/sẽ tự gửi khi có mạng/)).toBeTruthy();
    restore();
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(api.quizAttempts.size).toBe(1));
  });

  it("drops an attempt the server will never take (409) instead of resending it forever", async () => {
    const api = startAt("/lesson/10/quiz");
    render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Câu hỏi 1 của bài 10?" });
    refuseAttempts(api, 409, "attempt_conflict");
    await answerAll(5);
    await waitFor(() => expect(window.localStorage.getItem("kns.outbox")).toBe("[]"));
    expect(screen.queryByText(/sẽ tự gửi khi có mạng/)).toBeNull();
  });

  it("opens offline when the lesson reader fetched the quiz beforehand", async () => {
    const api = startAt("/lesson/8");
    const reader = render(<MiniApp />);
    await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 8" });
    await waitFor(() => expect(api.callsTo("GET", "/api/lessons/8/quiz")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 0));
    reader.unmount();
    api.online = false;
    window.history.replaceState(null, "", "/lesson/8/quiz");
    render(<MiniApp />);
    expect(await screen.findByRole("heading", { level: 2, name: "Câu hỏi 1 của bài 8?" })).toBeTruthy();
  });
});
