import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { startAt } from "./fake-api";

describe("sign-in", () => {
  it("signs in on start and keeps the session for later visits", async () => {
    const api = startAt("/");
    const first = render(<MiniApp />);
    await screen.findByRole("heading", { level: 1, name: "Xin chào, Bà Lan!" });
    await waitFor(() => expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(1));
    first.unmount();
    render(<MiniApp />);
    await screen.findByText("Bạn đã học xong 0/12 bài.");
    expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(1);
    expect(api.callsTo("GET", "/api/progress").every((c) => c.token === "s1")).toBe(true);
  });

  it("signs in again once when the session has expired (401) and retries the request", async () => {
    const api = startAt("/");
    const first = render(<MiniApp />);
    await screen.findByText("Bạn đã học xong 0/12 bài.");
    first.unmount();
    api.sessions.clear(); // the server forgot every session (expiry, restart)
    api.status.set(1, "done");
    render(<MiniApp />);
    expect(await screen.findByText("Bạn đã học xong 1/12 bài.")).toBeTruthy();
    expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(2);
    const progress = api.callsTo("GET", "/api/progress");
    expect(progress.at(-1)!.token).toBe("s2");
    expect(progress.some((c) => c.token === "s1" && api.calls.indexOf(c) > api.calls.indexOf(api.callsTo("POST", "/api/auth/dev")[0]!))).toBe(true);
  });

  it("does not loop when a fresh session is refused too", async () => {
    const api = startAt("/settings");
    api.fetch.mockImplementation(async (input) => {
      const path = new URL(String(input), "http://localhost").pathname;
      api.calls.push({ method: "?", path, body: null, token: null });
      if (path === "/api/auth/dev") return new Response(JSON.stringify({ sessionToken: "x", expiresAt: "2030-01-01T00:00:00Z", learner: api.learner }));
      return new Response(JSON.stringify({ error: "unauthenticated" }), { status: 401 });
    });
    render(<MiniApp />);
    expect(await screen.findByText(/Chưa đăng nhập được/)).toBeTruthy();
    expect(api.calls.filter((c) => c.path === "/api/me")).toHaveLength(2);
  });

  it("records src and ref from the first link and sends them with sign-in; later links do not overwrite", async () => {
    const api = startAt("/lesson/1?src=buudien-xa-an-phu&ref=TNV07");
    const first = render(<MiniApp />);
    await waitFor(() => expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(1));
    expect(api.callsTo("POST", "/api/auth/dev")[0]!.body).toEqual({ src: "buudien-xa-an-phu", ref: "TNV07" });
    first.unmount();

    api.sessions.clear();
    window.localStorage.removeItem("kns.session");
    window.history.replaceState(null, "", "/?src=facebook&ref=other");
    render(<MiniApp />);
    await waitFor(() => expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(2));
    expect(api.callsTo("POST", "/api/auth/dev")[1]!.body).toEqual({ src: "buudien-xa-an-phu", ref: "TNV07" });
  });

  it("ignores codes that are not short ids (script, very long, emoji)", async () => {
    const api = startAt(`/?src=${encodeURIComponent("<script>")}&ref=${"a".repeat(200)}`);
    render(<MiniApp />);
    await waitFor(() => expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(1));
    expect(api.callsTo("POST", "/api/auth/dev")[0]!.body).toEqual({});
  });

  it("keeps a Vietnamese QR code as written (NFC)", async () => {
    const api = startAt(`/?src=${encodeURIComponent("bưu-điện".normalize("NFD"))}`);
    render(<MiniApp />);
    await waitFor(() => expect(api.callsTo("POST", "/api/auth/dev")).toHaveLength(1));
    expect(api.callsTo("POST", "/api/auth/dev")[0]!.body).toEqual({ src: "bưu-điện".normalize("NFC") });
  });
});
