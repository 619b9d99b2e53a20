import { afterAll, beforeAll, describe, expect, it } from "vitest";
import QRCode from "qrcode";
import { appApiServer, graphId, type AppApi } from "../../test/support/app-api.js";

let t: AppApi;
beforeAll(async () => {
  t = await appApiServer({ env: { PUBLIC_URL: "https://kynangso.example.vn/" } });
});
afterAll(async () => {
  await t.stop();
});

/** A learner with a certificate issued through the Learning facade, as the final test does. */
function issued(n: number, name: string, lessons = [1, 2, 12], at = "2026-11-23T18:30:00Z") {
  t.clock.t = new Date(at);
  const learner = t.learning.learners.forAppUser(graphId(n), undefined, undefined).learner;
  return t.learning.certificates.issue(learner.id, name, 18, 20, lessons);
}

describe("GET /c/:code, the public check page", () => {
  it("shows a valid certificate plainly: name, Vietnamese date, score, lessons by title; no script, no login", async () => {
    const c = issued(1, "Nguyễn Thị Lan");
    const res = await t.call("GET", `/c/${c.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html; charset=utf-8/);
    const html = res.text;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("Chứng nhận hợp lệ");
    expect(html).toContain("Nguyễn Thị Lan");
    // 18:30 UTC on the 23rd is 01:30 on the 24th in Vietnam.
    expect(html).toContain("24/11/2026");
    expect(html).toContain("18/20");
    expect(html).toContain(c.code);
    const lessons = t.learning.content.lessons;
    for (const id of [1, 2, 12]) expect(html).toContain(lessons[id - 1]!.title);
    expect(html).not.toContain(lessons[4]!.title);
    expect(html).not.toMatch(/<script/i);
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
  });

  it("accepts the code as people type it: lower case, no dashes, spaces, O for 0, I or L for 1", async () => {
    const c = issued(2, "Trần Văn Bảy");
    const plain = c.code.replace(/-/g, "");
    const lookalike = c.code.replace(/0/g, "O").replace(/1/g, "l");
    for (const typed of [c.code.toLowerCase(), plain, plain.toLowerCase(), lookalike, lookalike.toLowerCase().replace(/-/g, " ")]) {
      const res = await t.call("GET", `/c/${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(200);
      expect(res.text).toContain("Trần Văn Bảy");
    }
  });

  it("/c has a form to type the code (no script needed); the typed code leads to the page", async () => {
    const c = issued(8, "Vũ Thị Tám");
    const form = await t.call("GET", "/c");
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<form action="\/c" method="get">/);
    expect(form.text).toContain('<label for="code">');
    const typed = await fetch(`${t.server.url}/c?code=${encodeURIComponent(" " + c.code.toLowerCase().replace(/-/g, " ") + " ")}`, { redirect: "manual" });
    expect(typed.status).toBe(303);
    const followed = await t.call("GET", typed.headers.get("location")!);
    expect(followed.status).toBe(200);
    expect(followed.text).toContain("Vũ Thị Tám");
  });

  it("an unknown or malformed code says plainly it was not found, with a 404 and a friendly page", async () => {
    issued(3, "Lê Văn Ba");
    for (const typed of ["ABCD-EFGH-JKMN", "abc", "0000-0000-0000", "x".repeat(300)]) {
      const res = await t.call("GET", `/c/${typed}`);
      expect(res.status, typed).toBe(404);
      expect(res.text).toContain('lang="vi"');
      expect(res.text).toContain("Không tìm thấy chứng nhận");
      expect(res.text).not.toContain("Lê Văn Ba");
      expect(res.text).toContain('<form action="/c"');
    }
  });

  it("escapes everything: a name and a typed code with HTML stay text", async () => {
    const c = issued(4, `<script>alert("x")</script> & <img src=x onerror=alert(1)>`);
    const res = await t.call("GET", `/c/${c.code}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("<script>alert");
    expect(res.text).not.toContain("<img");
    expect(res.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;");
    const typed = await t.call("GET", `/c/${encodeURIComponent('<b onmouseover="x">')}`);
    expect(typed.status).toBe(404);
    expect(typed.text).not.toContain("<b onmouseover");
    expect(typed.text).toContain("&lt;b onmouseover=&quot;x&quot;&gt;");
  });

  it("a Zalo display name with HTML, used as the certificate name, is escaped on the page too", async () => {
    const { token } = await t.signIn(graphId(5), {}, "<i>Bà</i> Năm");
    const id = t.learning.learners.byAppUserId(graphId(5))!.id;
    const attempt = t.learning.finalTest.start(id, "app");
    if (!attempt.ok) throw new Error("could not start");
    attempt.attempt.items.forEach((i) => t.learning.attempts.answer(attempt.attempt.id, i.position, t.learning.attempts.question(i.questionId)!.answer));
    t.learning.finalTest.finish(t.learning.learners.byId(id)!, attempt.attempt.id);
    const cert = (await t.call("GET", "/api/certificate", { token })).body.certificate;
    expect(cert.name).toBe("<i>Bà</i> Năm");
    const page = await t.call("GET", new URL(cert.checkUrl).pathname);
    expect(page.text).toContain("&lt;i&gt;Bà&lt;/i&gt; Năm");
    expect(page.text).not.toContain("<i>Bà");
  });
});

describe("the certificate in the API", () => {
  it("links to PUBLIC_URL's check page and carries a QR of that address as SVG", async () => {
    const { token } = await t.signIn(graphId(6));
    const id = t.learning.learners.byAppUserId(graphId(6))!.id;
    const c = t.learning.certificates.issue(id, "Đỗ Thị Sáu", 20, 20, [1]);
    const res = await t.call("GET", "/api/certificate", { token });
    expect(res.body.certificate).toMatchObject({ code: c.code, name: "Đỗ Thị Sáu", checkUrl: `https://kynangso.example.vn/c/${c.code}` });
    const svg = res.body.certificate.qrSvg as string;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // The QR's modules are those of this certificate's check link (not the server's own origin).
    const expected = QRCode.create(`https://kynangso.example.vn/c/${c.code}`, { errorCorrectionLevel: "M" });
    const origin = QRCode.create(`${t.server.url}/c/${c.code}`, { errorCorrectionLevel: "M" });
    expect(svg).toBe(await QRCode.toString(`https://kynangso.example.vn/c/${c.code}`, { type: "svg", errorCorrectionLevel: "M", margin: 2 }));
    expect(expected.modules.data).not.toEqual(origin.modules.data);
    const other = (await t.call("GET", "/api/progress", { token: (await t.signIn(graphId(7))).token })).body.certificate;
    expect(other).toBeNull();
  });
});
