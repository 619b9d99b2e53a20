import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { startAt } from "./fake-api";
import { WHAT_IS_KEPT } from "../../test/fixtures/what-is-kept";

const card = () => screen.findByRole("region", { name: "Bạn cho phép lưu thông tin không?" });

describe("consent on first open (Home)", () => {
  it("asks someone who never answered, above “Học tiếp”, saying truthfully what is kept, with two equal buttons", async () => {
    startAt("/");
    render(<MiniApp />);
    const ask = await card();
    // What the server really does, in the very sentences of the chat's consent question
    // (test/chat-onboarding.test.ts): progress, scores, messages, first source and the Zalo name always; a
    // certificate's name, printed and public, whatever the choice; place and reminders only with consent;
    // erasing takes the certificate too.
    const paragraphs = [...ask.querySelectorAll("p")].map((p) => p.textContent);
    expect(paragraphs.slice(0, 3)).toEqual(WHAT_IS_KEPT);
    expect(paragraphs).toContain("Không đồng ý thì bạn vẫn học được đầy đủ. Bạn đổi ý lúc nào cũng được trong Cài đặt.");
    expect(within(ask).getByText(/xóa được tất cả, cả giấy chứng nhận/)).toBeTruthy();
    expect(within(ask).queryByText(/không lưu tên/)).toBeNull();
    const yes = within(ask).getByRole("button", { name: "Đồng ý" });
    const no = within(ask).getByRole("button", { name: "Không đồng ý" });
    // Nothing chosen in advance, and neither answer looks like the recommended one.
    expect(yes.className).toBe(no.className);
    expect(within(ask).queryAllByRole("radio")).toHaveLength(0);
    const next = await screen.findByRole("button", { name: /Học tiếp/ });
    expect(ask.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("“Đồng ý” saves consent on the server, hides the card, and it stays hidden when Home opens offline", async () => {
    const api = startAt("/");
    const first = render(<MiniApp />);
    fireEvent.click(within(await card()).getByRole("button", { name: "Đồng ý" }));
    expect(await screen.findByText(/Đã lưu lựa chọn của bạn/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Bạn cho phép lưu thông tin không?" })).toBeNull();
    expect(api.callsTo("PATCH", "/api/me").map((c) => c.body)).toEqual([{ consent: "granted" }]);
    expect(api.learner.consent).toBe("granted");
    first.unmount();
    api.online = false;
    render(<MiniApp />);
    await screen.findByRole("heading", { level: 1, name: "Xin chào, Bà Lan!" });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("region", { name: "Bạn cho phép lưu thông tin không?" })).toBeNull();
  });

  it("“Không đồng ý” is just as easy; Settings shows the answer and can change it later", async () => {
    const api = startAt("/");
    render(<MiniApp />);
    fireEvent.click(within(await card()).getByRole("button", { name: "Không đồng ý" }));
    await waitFor(() => expect(api.learner.consent).toBe("declined"));
    expect(screen.queryByRole("region", { name: "Bạn cho phép lưu thông tin không?" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Cài đặt" }));
    const no = await screen.findByRole("radio", { name: "Không đồng ý" });
    expect(no).toHaveProperty("checked", true);
    // A reminder time needs consent: Settings says so instead of offering one.
    expect(screen.getByText(/Để đặt giờ nhắc, bạn chọn “Đồng ý”/)).toBeTruthy();
    expect(screen.queryByLabelText("Giờ nhắc")).toBeNull();
    fireEvent.click(screen.getByRole("radio", { name: "Đồng ý" }));
    await waitFor(() => expect(api.learner.consent).toBe("granted"));
    expect(await screen.findByLabelText("Giờ nhắc")).toBeTruthy();
  });

  it("does not ask again someone who already answered, either way", async () => {
    for (const consent of ["granted", "declined"]) {
      const api = startAt("/");
      api.learner.consent = consent;
      const view = render(<MiniApp />);
      await screen.findByRole("heading", { level: 1, name: "Xin chào, Bà Lan!" });
      // The answer came from the server (not just a cached copy), and the card had time to load.
      await waitFor(() => expect(api.callsTo("GET", "/api/me").length).toBeGreaterThan(0));
      await new Promise((r) => setTimeout(r, 50));
      expect(screen.queryByRole("region", { name: "Bạn cho phép lưu thông tin không?" })).toBeNull();
      view.unmount();
    }
  });

  it("never stands in the way of a lesson: “Học tiếp” works without answering", async () => {
    startAt("/");
    render(<MiniApp />);
    await card();
    fireEvent.click(screen.getByRole("button", { name: /Học tiếp.*Bài 1/ }));
    expect(await screen.findByRole("heading", { level: 2, name: "Phần 1 của bài 1" })).toBeTruthy();
  });

  it("offline: the answer is not lost silently; the card stays and the same button works again", async () => {
    const api = startAt("/");
    render(<MiniApp />);
    const ask = await card();
    api.online = false;
    fireEvent.click(within(ask).getByRole("button", { name: "Đồng ý" }));
    expect(await within(ask).findByRole("alert")).toHaveProperty("textContent", expect.stringMatching(/không có mạng/));
    expect(api.learner.consent).toBeNull();
    api.online = true;
    await waitFor(() => expect(within(ask).getByRole("button", { name: "Đồng ý" })).toHaveProperty("disabled", false));
    fireEvent.click(within(ask).getByRole("button", { name: "Đồng ý" }));
    await waitFor(() => expect(api.learner.consent).toBe("granted"));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Bạn cho phép lưu thông tin không?" })).toBeNull());
  });
});
