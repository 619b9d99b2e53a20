import { randomBytes, randomUUID } from "node:crypto";
import { FakeZalo } from "./fake-zalo.js";
import { content, FakeClock } from "./learning.js";
import { localEnv, realEnv, startTestServer } from "./server.js";

export type Json = Record<string, any>;

/**
 * A server for Mini App API tests: real HTTP, a real SQLite file, a fake clock, and the fake Zalo on
 * 127.0.0.1 answering Graph /v2.0/me. `simulator: true` starts without OA credentials (dev sign-in on).
 */
export async function appApiServer(options: { simulator?: boolean; env?: Record<string, string> } = {}) {
  const fake = await new FakeZalo().start();
  const clock = new FakeClock();
  const env = options.simulator
    ? localEnv({ ZALO_GRAPH_BASE: fake.url, ZALO_APP_SECRET: fake.appSecret })
    : realEnv(fake, { ZALO_HTTP_TIMEOUT_MS: "400" });
  const server = await startTestServer({ ...env, ...options.env }, { clock, content: content() });
  /** The chat's own view of the records: the processing stage's Learning, as the chat handlers use it. */
  const chat = server.processing!.learning;

  async function call(method: string, path: string, init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined || init.raw !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, headers: res.headers, text, body: (type.includes("json") ? JSON.parse(text) : {}) as Json };
  }

  /** A Zalo user Zalo knows: a Mini App access token for a Graph id. */
  function zaloUser(graphId: string, name = "Nguyễn Thị Lan"): string {
    const token = `zat-${randomBytes(12).toString("hex")}`;
    fake.graphUsers.set(token, { id: graphId, name });
    return token;
  }

  /** Signs a Zalo user in through POST /api/auth/zalo; returns the session token and the answer. */
  async function signIn(graphId: string, extra: Json = {}, name?: string) {
    // A minute apart, like people at a counter: keeps the per-IP sign-in limit out of unrelated tests.
    clock.advance(60_000);
    const res = await call("POST", "/api/auth/zalo", { body: { accessToken: zaloUser(graphId, name), ...extra } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    return { token: res.body.sessionToken as string, body: res.body };
  }

  /** Waits until a webhook event has been processed into a chat learner record; returns it. */
  async function chatLearner(oaUserId: string) {
    await fake.waitFor(async () => (await chat.learners.byZaloUserId(oaUserId)) !== undefined, 5000, "the chat learner");
    return (await chat.learners.byZaloUserId(oaUserId))!;
  }

  async function stop() {
    await server.stop();
    await fake.stop();
  }

  return { server, fake, clock, call, zaloUser, signIn, chat, chatLearner, stop, store: server.store, learning: server.learning };
}

export type AppApi = Awaited<ReturnType<typeof appApiServer>>;

export const newAttemptId = () => randomUUID();

/** Graph ids are 18–19 digit strings, beyond what a JS number holds exactly. */
export function graphId(n: number): string {
  return `9${String(n).padStart(18, "0")}`;
}

/** Text with Vietnamese diacritics: messages people read must be in Vietnamese. */
export const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
