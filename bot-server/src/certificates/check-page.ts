import { Router } from "express";
import type { Content } from "../../../content/src/index.js";
import type { Certificates, Certificate } from "../learning/certificates.js";
import { localClock, vietnameseDay } from "../local-time.js";
import { certifiesLine, lessonsPassedSummary, passedLessonIds } from "../learning/certificate-wording.js";
import { escapeHtml } from "./html.js";

/**
 * GET /c/:code: the public certificate check page, for a commune official reading it on any phone.
 * Plain HTML, large text, no script, no login. Codes are accepted as people type them (any case,
 * with or without dashes, O for 0, I or L for 1).
 */
export function certificateCheckRouter(certificates: Certificates, content: Content, timeZone: string): Router {
  const titles = new Map(content.lessons.map((l) => [l.id, l.title]));
  const router = Router();
  // Someone with only the printed code: a form to type it (works without script), then the page.
  router.get(["/c", "/c/"], (req, res) => {
    const typed = typeof req.query.code === "string" ? req.query.code.trim().slice(0, 40) : "";
    if (typed) return res.redirect(303, `/c/${encodeURIComponent(typed)}`);
    res.set(HEADERS).type("html").send(page("Kiểm tra giấy chứng nhận", `<p>Gõ mã in trên giấy chứng nhận để kiểm tra.</p>\n${codeForm()}`));
  });
  router.get("/c/:code", async (req, res) => {
    const certificate = await certificates.byCode(req.params.code.slice(0, 40));
    res.set(HEADERS);
    if (!certificate) {
      res.status(404).type("html").send(page("Không tìm thấy giấy chứng nhận", notFoundBody(req.params.code)));
      return;
    }
    res.type("html").send(page("Chứng nhận hợp lệ", validBody(certificate, titles, timeZone)));
  });
  return router;
}

/** Personal names: keep the page out of search engines and shared caches; no script may run. */
const HEADERS = {
  "X-Robots-Tag": "noindex",
  "Cache-Control": "private, no-cache",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
};

function codeForm(): string {
  return `<form action="/c" method="get">
<label for="code">Mã giấy chứng nhận</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="VD: 7K3M-Q9TX-2B4H" maxlength="40" required>
<button type="submit">Kiểm tra</button>
</form>`;
}

function validBody(c: Certificate, titles: Map<number, string>, timeZone: string): string {
  const ids = passedLessonIds(c.lessons);
  const lessons = ids.map((id) => `<li>Bài ${id}: ${escapeHtml(titles.get(id) ?? "")}</li>`).join("\n");
  return `<p class="status ok">✔ Giấy chứng nhận hợp lệ</p>
<p>Giấy chứng nhận này do chương trình <strong>Kỹ Năng Số</strong> cấp cho:</p>
<p class="name">${escapeHtml(c.name)}</p>
<p class="certifies">${escapeHtml(certifiesLine(ids))}.</p>
<dl>
<dt>Ngày cấp</dt><dd>${vietnameseDay(localClock(timeZone).at(new Date(c.issuedAt)).day)}</dd>
<dt>Điểm bài thi cuối khóa</dt><dd>${c.score}/${c.total}</dd>
<dt>Mã giấy chứng nhận</dt><dd class="code">${escapeHtml(c.code)}</dd>
</dl>
<h2>${escapeHtml(lessonsPassedSummary(ids))}${lessons ? ":" : "."}</h2>
${lessons ? `<ul>\n${lessons}\n</ul>` : ""}`;
}

function notFoundBody(typed: string): string {
  return `<p class="status missing">Không tìm thấy giấy chứng nhận</p>
<p>Không có giấy chứng nhận nào mang mã <strong class="code">${escapeHtml(typed.slice(0, 40))}</strong>.</p>
<p>Bạn xem lại mã in trên giấy chứng nhận, gõ lại cho đúng từng chữ và số. Chữ hoa hay chữ thường, có dấu gạch hay không đều được.</p>
<p>Nếu người được cấp đã xóa dữ liệu của mình trên Kỹ Năng Số, giấy chứng nhận cũng đã bị xóa.</p>
${codeForm()}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Kỹ Năng Số</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1.25rem; line-height: 1.6; color: #1a1a1a; background: #fff; margin: 0; padding: 1.25rem; max-width: 40rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin-top: 1.5rem; }
.status { font-size: 1.75rem; font-weight: 700; margin: 0 0 1rem; }
.ok { color: #0b6b2b; }
.missing { color: #9a1c1c; }
.certifies { font-size: 1.35rem; font-weight: 600; }
.name { font-size: 2rem; font-weight: 700; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
dt { font-weight: 700; }
dd { margin: 0 0 0.75rem; }
label { display: block; font-weight: 700; margin-top: 1rem; }
input, button { font: inherit; min-height: 48px; box-sizing: border-box; }
input { width: 100%; padding: 0.5rem 0.75rem; border: 2px solid #555; border-radius: 8px; margin: 0.5rem 0; text-transform: uppercase; }
button { padding: 0.5rem 1.5rem; border: 0; border-radius: 8px; background: #0a58ca; color: #fff; font-weight: 700; }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; letter-spacing: 0.05em; overflow-wrap: anywhere; }
</style>
</head>
<body>
<h1>Kiểm tra giấy chứng nhận Kỹ Năng Số</h1>
<main>
${body}
</main>
</body>
</html>
`;
}
