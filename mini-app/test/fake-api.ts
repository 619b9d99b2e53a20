// A tiny in-memory server for docs/api.md, installed as `fetch`: the only thing the component tests fake
// besides zmp-sdk. It keeps state like the real one (sessions, progress, idempotent attempts), so a test
// can check what reached the server, not just what the screen shows.
import { vi } from "vitest";
import { checkCertificateName } from "../src/certificate/name";

type Json = Record<string, unknown>;
export interface Call {
  method: string;
  path: string;
  body: Json | null;
  token: string | null;
}

const TITLES = [
  "Dùng điện thoại an toàn",
  "Tài khoản và mật khẩu",
  "Nhận biết lừa đảo",
  "Nhắn tin và gọi video",
  "Tìm thông tin đúng",
  "Dịch vụ công trực tuyến",
  "Thanh toán không tiền mặt",
  "Mua sắm trực tuyến",
  "Bảo vệ thông tin cá nhân",
  "Chăm sóc sức khỏe qua mạng",
  "Học tập trực tuyến",
  "Dạy lại cho người thân",
];

export const lessonSummary = (id: number) => ({ id, slug: `bai-${id}`, title: TITLES[id - 1]!, summary: `Tóm tắt bài ${id}.`, minutes: 8 });

export const lessonDetail = (id: number) => ({
  ...lessonSummary(id),
  introHtml: `<p>Mở đầu bài ${id}: điện thoại giúp bạn rất nhiều.</p>`,
  sections: [
    { heading: `Phần 1 của bài ${id}`, html: "<p>Luôn khóa màn hình bằng mật mã.</p>" },
    // A link to the next lesson, as content/src/markdown.ts writes one.
    { heading: `Phần 2 của bài ${id}`, html: `<p>Không bấm vào đường dẫn lạ.</p><p>Xem thêm <a href="/lesson/${(id % 12) + 1}">Bài ${(id % 12) + 1}</a>.</p>` },
  ],
  warningHtml: "<p>Không bao giờ đọc mã OTP cho người khác.</p>",
  remember: ["Mã OTP là bí mật.", "Gọi 113 khi cần giúp đỡ khẩn cấp."],
  practiceHtml: "<p>Mở Cài đặt và bật khóa màn hình.</p>",
  illustrationSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>',
  sources: [{ title: "Cẩm nang an toàn thông tin", url: "https://example.vn/cam-nang" }],
});

/** Question k of lesson n: the right answer is always option 1 ("Đúng …"). */
export const quizQuestion = (n: number, k: number) => ({
  id: `L${n}-Q${k}`,
  question: `Câu hỏi ${k} của bài ${n}?`,
  options: [`Sai ${k}a`, `Đúng ${k}`, `Sai ${k}b`, `Sai ${k}c`],
  answer: 1,
  explanation: `Giải thích câu ${k}.`,
});

export const CERTIFICATE = {
  code: "KNS-7Q2X-9P",
  name: "Nguyễn Thị Lan",
  issuedAt: "2026-11-20T03:00:00.000Z",
  score: 18,
  total: 20,
  lessons: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  checkUrl: "http://localhost/c/KNS-7Q2X-9P",
};

/** A few real units (codes and names from the 2025 list), already in the server's name order. */
export const PROVINCES = [
  { code: "92", name: "Thành phố Cần Thơ" },
  { code: "01", name: "Thành phố Hà Nội" },
  { code: "79", name: "Thành phố Hồ Chí Minh" },
];
export const COMMUNES: Record<string, { code: string; name: string }[]> = {
  "92": [{ code: "31117", name: "Phường Ninh Kiều" }],
  "01": [
    { code: "00004", name: "Phường Ba Đình" },
    { code: "00008", name: "Phường Ngọc Hà" },
  ],
  "79": [
    { code: "26878", name: "Phường An Hội Đông" },
    { code: "25867", name: "Xã An Long" },
  ],
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export class FakeApi {
  /** false: every request fails like a dropped connection. */
  online = true;
  /** When set, every non-public route answers 500 (a server having a bad day). */
  serverDown = false;
  /** When set, sign-in answers 500: lesson reading must not care. */
  signInDown = false;
  readonly calls: Call[] = [];
  readonly sessions = new Set<string>();
  private issued = 0;
  learner = { displayName: "Bà Lan", certificateName: null as string | null, consent: null as string | null, provinceCode: null as string | null, communeCode: null as string | null, reminderTime: null as string | null, followsOA: false };
  status = new Map<number, "not_started" | "in_progress" | "done">();
  quizBest = new Map<number, number>();
  readonly quizAttempts = new Map<string, { answers: string; result: Json }>();
  finalRetryAt: string | null = null;
  finalAttempts = new Map<string, Json[]>();
  certificate: (typeof CERTIFICATE & { qrSvg?: string }) | null = null;
  /** The best passed final test's score while no certificate is issued (it waits for a confirmed name). */
  passedScore: number | null = null;
  /** false: the server has no list of provinces and communes imported (empty lists). */
  placesImported = true;
  deleted = false;

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), "http://localhost");
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    const token = headers.get("Authorization")?.replace(/^Bearer /, "") ?? null;
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as Json) : null;
    this.calls.push({ method, path: url.pathname, body, token });
    if (!this.online) throw new TypeError("Failed to fetch");
    return this.route(method, url.pathname, body, token);
  });

  /**
   * Makes the server answer the requests `match` picks with `status` and `body`, before anything else
   * (they are not recorded as calls); returns a function that undoes it.
   */
  answerWith(match: (url: string, init?: RequestInit) => boolean, status: number, body: unknown): () => void {
    const real = this.fetch.getMockImplementation()!;
    this.fetch.mockImplementation(async (input, init) =>
      match(String(input), init) ? new Response(JSON.stringify(body), { status }) : real(input, init),
    );
    return () => this.fetch.mockImplementation(real);
  }

  /** Requests that reached the server for a route, e.g. callsTo("POST", "/api/quiz-attempts"). */
  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  private progress() {
    const lessons = Array.from({ length: 12 }, (_, i) => {
      const id = i + 1;
      return { id, status: this.status.get(id) ?? "not_started", quizBest: this.quizBest.get(id) ?? null, quizPassed: (this.quizBest.get(id) ?? 0) >= 4 };
    });
    const open = lessons.find((l) => l.status !== "done");
    const passed = !!this.certificate || this.passedScore !== null;
    const next = passed ? { kind: "certificate" } : open ? { kind: "lesson", lessonId: open.id } : { kind: "final" };
    return { lessons, finalTest: { passed, lastScore: null, retryAt: this.finalRetryAt }, certificate: this.certificate, next };
  }

  private suggestedName(): string | null {
    const name = this.learner.certificateName ?? this.learner.displayName;
    const checked = name ? checkCertificateName(name) : null;
    return checked?.ok ? checked.name : null;
  }

  private route(method: string, path: string, body: Json | null, token: string | null): Response {
    const lesson = /^\/api\/lessons\/(\d+)(\/quiz|\/open|\/complete)?$/.exec(path);
    if (method === "GET" && path === "/api/lessons") return json(200, { lessons: Array.from({ length: 12 }, (_, i) => lessonSummary(i + 1)) });
    if (method === "GET" && path === "/api/tips/today") return json(200, { tip: { id: "t1", title: "Khóa màn hình", text: "Đặt mật mã 6 số cho điện thoại." } });
    if (lesson && method === "GET") {
      const id = Number(lesson[1]);
      if (id < 1 || id > 12) return json(404, { error: "not_found", message: "Không có bài học này." });
      return lesson[2] === "/quiz" ? json(200, { questions: [1, 2, 3, 4, 5].map((k) => quizQuestion(id, k)) }) : json(200, { lesson: lessonDetail(id) });
    }
    if (method === "POST" && path === "/api/auth/dev") {
      if (this.signInDown) return json(500, { error: "internal" });
      const sessionToken = `s${++this.issued}`;
      this.sessions.add(sessionToken);
      this.deleted = false;
      return json(200, { sessionToken, expiresAt: "2030-01-01T00:00:00.000Z", learner: this.learner });
    }
    if (method === "GET" && path === "/api/places/provinces") return json(200, { provinces: this.placesImported ? PROVINCES : [] });
    const communes = /^\/api\/places\/provinces\/([^/]+)\/communes$/.exec(path);
    if (method === "GET" && communes) {
      if (!this.placesImported) return json(200, { communes: [] });
      const list = COMMUNES[communes[1]!];
      return list ? json(200, { communes: list }) : json(404, { error: "province_not_found", message: "Không có tỉnh, thành phố này. Bạn chọn lại nhé." });
    }
    if (!token || !this.sessions.has(token)) return json(401, { error: "unauthenticated" });
    if (this.serverDown) return json(500, { error: "internal" });
    if (path === "/api/me" && method === "GET") return json(200, { learner: this.learner });
    if (path === "/api/me" && method === "PATCH") {
      // As the real server: a place or a reminder time needs consent, and declining removes them.
      const consent = body && "consent" in body ? body.consent : this.learner.consent;
      const where = body?.communeCode ? "communeCode" : body?.provinceCode ? "provinceCode" : null;
      if (where && consent !== "granted") return json(400, { error: "consent_required", field: where, message: "Bạn cần đồng ý cho lưu thông tin trước khi chọn nơi ở." });
      if (body?.reminderTime && consent !== "granted") return json(400, { error: "consent_required", field: "reminderTime", message: "Bạn cần đồng ý cho lưu thông tin trước khi đặt giờ nhắc." });
      Object.assign(this.learner, body);
      if (this.learner.consent !== "granted") Object.assign(this.learner, { provinceCode: null, communeCode: null, reminderTime: null });
      return json(200, { learner: this.learner });
    }
    if (path === "/api/me" && method === "DELETE") {
      this.deleted = true;
      this.sessions.delete(token);
      return json(200, { deleted: true });
    }
    if (path === "/api/progress") return json(200, this.progress());
    if (lesson && method === "POST") {
      const id = Number(lesson[1]);
      if (lesson[2] === "/complete") this.status.set(id, "done");
      else if (this.status.get(id) !== "done") this.status.set(id, "in_progress");
      return json(200, { status: this.status.get(id) });
    }
    if (path === "/api/quiz-attempts" && method === "POST") {
      const attemptId = String(body?.attemptId);
      const answers = JSON.stringify(body?.answers);
      const seen = this.quizAttempts.get(attemptId);
      if (seen) return seen.answers === answers ? json(200, seen.result) : json(409, { error: "conflict" });
      const list = body?.answers as { questionId: string; chosen: number }[];
      const score = list.filter((a) => a.chosen === 1).length;
      const result = { score, total: list.length, passed: score >= 4, results: [] };
      this.quizAttempts.set(attemptId, { answers, result });
      const lessonId = Number(body?.lessonId);
      this.quizBest.set(lessonId, Math.max(score, this.quizBest.get(lessonId) ?? 0));
      return json(200, result);
    }
    if (path === "/api/final-test" && method === "POST") {
      if (this.finalRetryAt) return json(423, { error: "retry_later", retryAt: this.finalRetryAt, message: "Bạn chờ một chút rồi làm lại nhé." });
      const questions = Array.from({ length: 20 }, (_, i) => {
        const { answer: _a, explanation: _e, ...q } = quizQuestion((i % 12) + 1, 100 + i);
        return q;
      });
      const attemptId = String(body?.attemptId);
      this.finalAttempts.set(attemptId, []);
      return json(200, { attemptId, questions });
    }
    const submit = /^\/api\/final-test\/([^/]+)\/submit$/.exec(path);
    if (submit && method === "POST") {
      const answers = body?.answers as { questionId: string; chosen: number }[];
      const wrong = answers.filter((a) => a.chosen !== 1);
      const score = answers.length - wrong.length;
      const passed = score >= 16;
      if (passed) this.passedScore = Math.max(score, this.passedScore ?? 0);
      else this.finalRetryAt = "2026-11-24T08:30:00.000Z";
      return json(200, {
        score,
        total: 20,
        passed,
        passMark: 16,
        mistakes: wrong.map((a) => ({ questionId: a.questionId, question: `Câu ${a.questionId}?`, chosen: a.chosen, answer: 1, explanation: `Vì sao ${a.questionId}.` })),
        certificate: this.certificate,
        retryAt: passed ? null : this.finalRetryAt,
      });
    }
    if (path === "/api/certificate" && method === "GET") {
      const awaitingName =
        !this.certificate && this.passedScore !== null ? { score: this.passedScore, total: 20, suggestedName: this.suggestedName() } : null;
      return json(200, { certificate: this.certificate, awaitingName });
    }
    if (path === "/api/certificate" && method === "POST") {
      // As the real server (the same name rule): issued once, after a pass, under the confirmed name.
      const checked = checkCertificateName(typeof body?.name === "string" ? body.name : "");
      if (!checked.ok) return json(400, { error: "invalid_input", field: "name", message: checked.message });
      if (this.certificate) {
        if (this.certificate.name === checked.name) return json(200, { certificate: this.certificate });
        return json(409, { error: "certificate_exists", message: "Tên đã in không đổi được.", certificate: this.certificate });
      }
      if (this.passedScore === null) return json(409, { error: "final_test_not_passed", message: "Bạn cần đạt bài thi cuối khóa trước." });
      this.certificate = { ...CERTIFICATE, name: checked.name, score: this.passedScore, lessons: [...this.quizBest].filter(([, s]) => s >= 4).map(([id]) => id) };
      return json(201, { certificate: this.certificate });
    }
    return json(404, { error: "not_found" });
  }
}

/** Installs a fresh fake server as `fetch` and puts the app at `path` (a deep link). */
export function startAt(path: string): FakeApi {
  const api = new FakeApi();
  vi.stubGlobal("fetch", api.fetch);
  window.history.replaceState(null, "", path);
  return api;
}
