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
async function issued(n: number, name: string, lessons = [1, 2, 12], at = "2026-11-23T18:30:00Z") {
  t.clock.t = new Date(at);
  const { learner } = await t.learning.learners.forAppUser(graphId(n), undefined, undefined);
  return t.learning.certificates.issue(learner.id, name, 18, 20, lessons);
}

describe("GET /c/:code, the public check page", () => {
  it("shows a valid certificate plainly: name, Vietnamese date, score, lessons by title; no script, no login", async () => {
    const c = await issued(1, "Nguyễn Thị Lan");
    const res = await t.call("GET", `/c/${c.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html; charset=utf-8/);
    const html = res.text;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("Giấy chứng nhận hợp lệ");
    expect(html).toContain("Nguyễn Thị Lan");
    // 18:30 UTC on the 23rd is 01:30 on the 24th in Vietnam.
    expect(html).toContain("24/11/2026");
    expect(html).toContain("18/20");
    expect(html).toContain(c.code);
    const lessons = t.learning.content.lessons;
    // What it certifies, honestly: the final test, and which lessons' quizzes were passed.
    expect(html).toContain("đã đạt bài thi cuối khóa Kỹ Năng Số.");
    expect(html).not.toContain("hoàn thành khóa học");
    expect(html).toContain("Đã đạt bài kiểm tra 3/12 bài:");
    for (const id of [1, 2, 12]) expect(html).toContain(`<li>Bài ${id}: ${lessons[id - 1]!.title}</li>`);
    expect(html).not.toContain(lessons[4]!.title);
    expect(html).not.toMatch(/<script/i);
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
  });

  it("accepts the code as people type it: lower case, no dashes, spaces, O for 0, I or L for 1", async () => {
    const c = await issued(2, "Trần Văn Bảy");
    const plain = c.code.replace(/-/g, "");
    const lookalike = c.code.replace(/0/g, "O").replace(/1/g, "l");
    for (const typed of [c.code.toLowerCase(), plain, plain.toLowerCase(), lookalike, lookalike.toLowerCase().replace(/-/g, " ")]) {
      const res = await t.call("GET", `/c/${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(200);
      expect(res.text).toContain("Trần Văn Bảy");
    }
  });

  it("/c has a form to type the code (no script needed); the typed code leads to the page", async () => {
    const c = await issued(8, "Vũ Thị Tám");
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
    await issued(3, "Lê Văn Ba");
    for (const typed of ["ABCD-EFGH-JKMN", "abc", "0000-0000-0000", "x".repeat(300)]) {
      const res = await t.call("GET", `/c/${typed}`);
      expect(res.status, typed).toBe(404);
      expect(res.text).toContain('lang="vi"');
      expect(res.text).toContain("Không tìm thấy giấy chứng nhận");
      expect(res.text).not.toContain("Lê Văn Ba");
      expect(res.text).toContain('<form action="/c"');
    }
  });

  it("escapes everything: a name and a typed code with HTML stay text", async () => {
    const c = await issued(4, `<script>alert("x")</script> & <img src=x onerror=alert(1)>`);
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

  it("says the course was completed only when every lesson's quiz was passed; none passed is said too", async () => {
    const all = await issued(9, "Hà Thị Chín", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const full = (await t.call("GET", `/c/${all.code}`)).text;
    expect(full).toContain("đã đạt bài thi cuối khóa và hoàn thành khóa học Kỹ Năng Số.");
    expect(full).toContain("Đã đạt bài kiểm tra 12/12 bài:");
    const none = await issued(10, "Hà Văn Mười", []);
    const empty = (await t.call("GET", `/c/${none.code}`)).text;
    expect(empty).toContain("đã đạt bài thi cuối khóa Kỹ Năng Số.");
    expect(empty).toContain("Chưa đạt bài kiểm tra của bài học nào.");
    expect(empty).not.toContain("hoàn thành khóa học");
    expect(empty).not.toContain("<ul>");
  });
});

/** Signs someone in and passes the final test for them (as the app would), without issuing anything. */
async function passedFinal(n: number, displayName?: string) {
  const { token } = await t.signIn(graphId(n), {}, displayName);
  const id = (await t.learning.learners.byAppUserId(graphId(n)))!.id;
  const started = await t.learning.finalTest.start(id, "app");
  if (!started.ok) throw new Error("could not start");
  for (const i of started.attempt.items) await t.learning.attempts.answer(started.attempt.id, i.position, t.learning.attempts.question(i.questionId)!.answer);
  await t.learning.finalTest.finish((await t.learning.learners.byId(id))!, started.attempt.id);
  return { token, id };
}

describe("POST /api/certificate: issued under the name the person confirmed", () => {
  it("needs a passed final test", async () => {
    const { token } = await t.signIn(graphId(20));
    const res = await t.call("POST", "/api/certificate", { token, body: { name: "Trần Thị Hoa" } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: "final_test_not_passed" });
    expect(res.body.message).toMatch(/bài thi cuối khóa/);
    expect((await t.call("POST", "/api/certificate", { body: { name: "Trần Thị Hoa" } })).status).toBe(401);
  });

  it("refuses names that cannot be printed, naming the field, with the same messages as the chat", async () => {
    const { token, id } = await passedFinal(21);
    const bad: [unknown, RegExp][] = [
      [{}, /họ và tên/],
      [{ name: 12 }, /họ và tên/],
      [{ name: "" }, /chưa gõ tên/],
      [{ name: "1234" }, /không có chữ số/],
      [{ name: "Hoa 🌸" }, /biểu tượng cảm xúc/],
      [{ name: "http://x.vn" }, /đường link/],
      [{ name: "Hoa\u0000Lan" }, /ký tự lạ/],
      [{ name: "<i>Bà</i> Năm" }, /chỉ gồm chữ cái/],
      [{ name: "B" }, /ít nhất 2 chữ cái/],
      [{ name: "Nguyễn ".repeat(12) }, /tối đa 60 ký tự/],
      [{ name: "x".repeat(501) }, /họ và tên/],
    ];
    for (const [body, message] of bad) {
      const res = await t.call("POST", "/api/certificate", { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toMatchObject({ error: "invalid_input", field: "name" });
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    const extra = await t.call("POST", "/api/certificate", { token, body: { name: "Trần Thị Hoa", code: "ABCD" } });
    expect(extra.body).toMatchObject({ error: "invalid_input", field: "code" });
    expect(await t.learning.certificates.forLearner(id)).toBeUndefined();
  });

  it("issues once, capitalised as printed; the same name again is the same certificate, another name is refused", async () => {
    const { token, id } = await passedFinal(22, "hoa trần");
    const pending = (await t.call("GET", "/api/certificate", { token })).body;
    expect(pending).toEqual({ certificate: null, awaitingName: { score: 20, total: 20, suggestedName: "Hoa Trần" } });
    const first = await t.call("POST", "/api/certificate", { token, body: { name: " trần   THỊ hoa " } });
    expect(first.status).toBe(201);
    expect(first.body.certificate).toMatchObject({ name: "Trần Thị Hoa", score: 20, total: 20, checkUrl: expect.stringContaining("/c/") });
    const resend = await t.call("POST", "/api/certificate", { token, body: { name: "Trần Thị Hoa" } });
    expect(resend.status).toBe(200);
    expect(resend.body.certificate).toEqual(first.body.certificate);
    const other = await t.call("POST", "/api/certificate", { token, body: { name: "Nguyễn Văn An" } });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: "certificate_exists", certificate: { code: first.body.certificate.code, name: "Trần Thị Hoa" } });
    expect(other.body.message).toContain("Tên đã in không đổi được");
    expect((await t.learning.certificates.forLearner(id))?.name).toBe("Trần Thị Hoa");
    expect(await t.store.value("SELECT COUNT(*) FROM certificates WHERE learner_id = ?", [id])).toBe(1);
    // Without consent the name lives on the certificate only.
    expect((await t.learning.learners.byId(id))!.certificate_name).toBeNull();
  });

  it("a Zalo name that cannot be printed (HTML) is not offered; the check page escapes whatever it shows", async () => {
    const { token } = await passedFinal(23, "<i>Bà</i> Năm");
    expect((await t.call("GET", "/api/certificate", { token })).body.awaitingName).toMatchObject({ suggestedName: null });
    const cert = (await t.call("POST", "/api/certificate", { token, body: { name: "Bà Năm" } })).body.certificate;
    const page = await t.call("GET", new URL(cert.checkUrl).pathname);
    expect(page.text).toContain("Bà Năm");
    expect(page.text).not.toContain("<i>Bà");
  });
});

describe("the certificate in the API", () => {
  it("links to PUBLIC_URL's check page and carries a QR of that address as SVG", async () => {
    const { token } = await t.signIn(graphId(6));
    const id = (await t.learning.learners.byAppUserId(graphId(6)))!.id;
    const c = await t.learning.certificates.issue(id, "Đỗ Thị Sáu", 20, 20, [1]);
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
