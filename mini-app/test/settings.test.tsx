import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { CERTIFICATE, startAt } from "./fake-api";

describe("settings", () => {
  it("text size up to 200 % applies to the whole app and is kept for the next visit", async () => {
    startAt("/settings");
    const first = render(<MiniApp />);
    fireEvent.click(await screen.findByRole("radio", { name: "200%" }));
    expect(document.documentElement.style.fontSize).toBe("36px");
    expect(screen.getByRole("radio", { name: "200%" })).toHaveProperty("checked", true);
    first.unmount();
    document.documentElement.style.fontSize = "";
    window.history.replaceState(null, "", "/lesson/1");
    render(<MiniApp />);
    await waitFor(() => expect(document.documentElement.style.fontSize).toBe("36px"));
    fireEvent.click(await screen.findByRole("button", { name: "Quay lại" }));
    await screen.findByRole("heading", { level: 1, name: "12 bài học" });
  });

  it("going back to normal size resets the root font", async () => {
    startAt("/settings");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("radio", { name: "150%" }));
    expect(document.documentElement.style.fontSize).toBe("27px");
    fireEvent.click(screen.getByRole("radio", { name: "Vừa (100%)" }));
    expect(document.documentElement.style.fontSize).toBe("18px");
  });

  it("asks for consent before a reminder time can be set", async () => {
    startAt("/settings");
    render(<MiniApp />);
    expect(await screen.findByText(/Để đặt giờ nhắc, bạn chọn “Đồng ý”/)).toBeTruthy();
    expect(screen.queryByLabelText("Giờ nhắc")).toBeNull();
    fireEvent.click(screen.getByRole("radio", { name: "Đồng ý" }));
    expect(await screen.findByLabelText("Giờ nhắc")).toBeTruthy();
  });

  it("saves the reminder time and can turn reminders off", async () => {
    const api = startAt("/settings");
    api.learner.consent = "granted";
    render(<MiniApp />);
    const time = await screen.findByLabelText("Giờ nhắc");
    fireEvent.change(time, { target: { value: "07:30" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu giờ nhắc" }));
    expect(await screen.findByText("Đã lưu: nhắc học lúc 07:30.")).toBeTruthy();
    expect(api.learner.reminderTime).toBe("07:30");
    fireEvent.click(screen.getByRole("button", { name: "Tắt nhắc học" }));
    expect(await screen.findByText("Đã tắt nhắc học.")).toBeTruthy();
    expect(api.learner.reminderTime).toBeNull();
    expect(api.callsTo("PATCH", "/api/me").map((c) => c.body)).toEqual([{ reminderTime: "07:30" }, { reminderTime: null }]);
  });

  it("saves consent; the name to print is asked when the certificate is issued, not here", async () => {
    const api = startAt("/settings");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("radio", { name: "Đồng ý" }));
    expect(await screen.findByText("Đã lưu: bạn đồng ý.")).toBeTruthy();
    expect(api.learner.consent).toBe("granted");
    // A printed name never changes, so there is nothing to edit it with here.
    expect(screen.queryByLabelText("Họ và tên")).toBeNull();
    expect(screen.queryByRole("button", { name: "Lưu tên" })).toBeNull();
    // The same words as on Home say what is kept, a certificate's public name included.
    expect(screen.getByText(/Nếu bạn nhận giấy chứng nhận, tên bạn chọn được in trên đó và hiện trên trang kiểm tra công khai/)).toBeTruthy();
  });

  it("shows the server's own message when it refuses a value", async () => {
    const api = startAt("/settings");
    api.learner.consent = "granted";
    render(<MiniApp />);
    await screen.findByLabelText("Giờ nhắc");
    api.answerWith((_url, init) => init?.method === "PATCH", 400, { error: "invalid_reminderTime", message: "Giờ nhắc phải từ 06:00 đến 21:00." });
    fireEvent.change(screen.getByLabelText("Giờ nhắc"), { target: { value: "03:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu giờ nhắc" }));
    expect(await screen.findByText("Giờ nhắc phải từ 06:00 đến 21:00.")).toBeTruthy();
  });

  it("“Xóa dữ liệu của tôi” asks first; “Không” keeps everything", async () => {
    const api = startAt("/settings");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Xóa dữ liệu của tôi" }));
    expect(screen.getByText(/Bạn chắc chắn muốn xóa\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Không, giữ lại" }));
    expect(api.callsTo("DELETE", "/api/me")).toHaveLength(0);
  });

  it("after confirmation deletes on the server and forgets the session and cached progress on the phone", async () => {
    const api = startAt("/settings");
    render(<MiniApp />);
    await waitFor(() => expect(window.localStorage.getItem("kns.session")).not.toBeNull());
    window.localStorage.setItem("kns.progress", "{}");
    await waitFor(() => expect(window.localStorage.getItem("kns.me")).toContain("Bà Lan"));
    fireEvent.click(await screen.findByRole("button", { name: "Xóa dữ liệu của tôi" }));
    fireEvent.click(screen.getByRole("button", { name: "Có, xóa hết" }));
    expect(await screen.findByText("Đã xóa dữ liệu của bạn.")).toBeTruthy();
    expect(api.deleted).toBe(true);
    expect(window.localStorage.getItem("kns.session")).toBeNull();
    expect(window.localStorage.getItem("kns.progress")).toBeNull();
    expect(window.localStorage.getItem("kns.me")).toBeNull();
  });

  it("deletion also removes the certificate kept on the phone (and the copy older versions kept)", async () => {
    const api = startAt("/certificate");
    api.certificate = CERTIFICATE;
    const shown = render(<MiniApp />);
    expect(await screen.findByText(CERTIFICATE.name)).toBeTruthy();
    shown.unmount();
    window.localStorage.setItem("kns.certificate", JSON.stringify(CERTIFICATE));
    window.history.replaceState(null, "", "/settings");
    render(<MiniApp />);
    fireEvent.click(await screen.findByRole("button", { name: "Xóa dữ liệu của tôi" }));
    fireEvent.click(screen.getByRole("button", { name: "Có, xóa hết" }));
    expect(await screen.findByText("Đã xóa dữ liệu của bạn.")).toBeTruthy();
    // Nothing about the person is left: no key still holds the printed name.
    const left = Object.keys(window.localStorage).filter((k) => window.localStorage.getItem(k)!.includes(CERTIFICATE.name));
    expect(left).toEqual([]);
  });

  it("offline: deletion explains and can be retried", async () => {
    const api = startAt("/settings");
    render(<MiniApp />);
    await screen.findByRole("button", { name: "Xóa dữ liệu của tôi" });
    api.online = false;
    fireEvent.click(screen.getByRole("button", { name: "Xóa dữ liệu của tôi" }));
    fireEvent.click(screen.getByRole("button", { name: "Có, xóa hết" }));
    expect(await screen.findByText(/không có mạng/)).toBeTruthy();
    api.online = true;
    fireEvent.click(screen.getByRole("button", { name: "Có, xóa hết" }));
    expect(await screen.findByText("Đã xóa dữ liệu của bạn.")).toBeTruthy();
  });
});
