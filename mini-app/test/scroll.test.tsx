import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MiniApp } from "../src/app";
import { lessonDetail, lessonSummary, startAt } from "./fake-api";

describe("where a screen opens", () => {
  it("every navigation starts at the top of the new screen (the document scrolls, not zmp-ui's Page)", async () => {
    startAt("/lesson/1");
    const scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
    render(<MiniApp />);
    await screen.findByRole("heading", { name: lessonDetail(1).sections[0]!.heading });
    scrollTo.mockClear(); // as if the person had scrolled down lesson 1

    fireEvent.click(screen.getByRole("button", { name: /Quay lại/ }));
    const twelve = await screen.findByRole("button", { name: new RegExp(lessonSummary(12).title) });
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
    scrollTo.mockClear();

    fireEvent.click(twelve);
    await screen.findByRole("heading", { name: lessonDetail(12).sections[0]!.heading });
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
  });

  it("after a quiz answer, brings the feedback and “Câu tiếp theo” into view", async () => {
    startAt("/lesson/1/quiz");
    const scrollIntoView = vi.fn();
    Object.defineProperty(Element.prototype, "scrollIntoView", { value: scrollIntoView, configurable: true, writable: true });
    try {
      render(<MiniApp />);
      fireEvent.click(await screen.findByRole("button", { name: /Sai 1a/ }));
      const next = await screen.findByRole("button", { name: "Câu tiếp theo" });
      const feedback = next.closest(".feedback");
      await waitFor(() => expect(scrollIntoView.mock.contexts).toContain(feedback));
      expect(feedback?.textContent).toContain("Chưa đúng");
      expect(scrollIntoView).toHaveBeenCalledWith({ block: "nearest" });
    } finally {
      delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
    }
  });
});
