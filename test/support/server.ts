import { loadConfig, type Config } from "../../bot-server/src/config.js";
import { createLogger } from "../../bot-server/src/log.js";
import { startServer, type ServerHandle, type StartOptions } from "../../bot-server/src/server.js";
import { signWebhook } from "../../bot-server/src/zalo/signature.js";
import { FakeZalo } from "./fake-zalo.js";
import { freshDatabaseEnv } from "./database.js";

export { tempDbPath } from "./database.js";

export const APP_ID = "1234567890123456789";
export const OA_ID = "9876543210987654321";
export const OA_SECRET_KEY = "test-oa-secret-key";

/** Environment for a server on a free local port with a fresh database (simulator mode). */
export function localEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PORT: "0", HOST: "127.0.0.1", ...freshDatabaseEnv(), LOG_LEVEL: "silent", ...extra };
}

/** Environment for a server in real mode, talking to the fake Zalo. */
export function realEnv(fake: FakeZalo, extra: Record<string, string> = {}): Record<string, string> {
  return localEnv({
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: fake.appSecret,
    ZALO_OA_ID: OA_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET_KEY,
    ZALO_OA_ACCESS_TOKEN: fake.accessToken,
    ZALO_OA_REFRESH_TOKEN: fake.refreshToken,
    ZALO_OA_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    ZALO_GRAPH_BASE: fake.url,
    // Real mode needs it (certificate and lesson links); nothing here fetches it.
    PUBLIC_URL: "https://kynangso.example.vn",
    ...extra,
  });
}

/** The server in this process with inline processing, so tests can step and inspect the stages. */
export async function startTestServer(env: Record<string, string>, options: StartOptions = {}) {
  const config: Config = loadConfig(env);
  const handle: ServerHandle = await startServer(config, {
    log: createLogger("silent"),
    processing: "inline",
    // Tests tick the scheduler themselves: a real minute passing must not remind anyone mid-test.
    scheduler: "manual",
    ...options,
    dispatcher: { backoffBaseMs: 20, backoffMaxMs: 200, idlePollMs: 50, ...options.dispatcher },
  });
  const processing = handle.processing!;
  return { ...handle, config, inboxWorker: processing.inboxWorker, dispatcher: processing.dispatcher };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The fake Zalo and a test server in real mode talking to it; `stop` stops the server, then the fake. */
export async function startWithFakeZalo(env: Record<string, string> = {}, options: StartOptions = {}) {
  const fake = await new FakeZalo().start();
  const server = await startTestServer(realEnv(fake, env), options);
  return {
    fake,
    server,
    async stop() {
      await server.stop();
      await fake.stop();
    },
  };
}

let counter = 0;
export function textEvent(userId: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    app_id: APP_ID,
    user_id_by_app: `5${userId.slice(1)}`,
    event_name: "user_send_text",
    timestamp: String(Date.now() + counter),
    sender: { id: userId },
    recipient: { id: OA_ID },
    message: { text, msg_id: `msg-${Date.now()}-${counter}` },
    ...extra,
  };
}

export function followEvent(userId: string, source = "qr"): Record<string, unknown> {
  counter++;
  return {
    app_id: APP_ID,
    oa_id: OA_ID,
    event_name: "follow",
    timestamp: String(Date.now() + counter),
    follower: { id: userId },
    user_id_by_app: `5${userId.slice(1)}`,
    source,
  };
}

export function signed(raw: string, timestamp: string, key = OA_SECRET_KEY, appId = APP_ID): string {
  return signWebhook(appId, raw, timestamp, key);
}

/** POSTs an event to the webhook over real HTTP, signed like Zalo does. */
export async function postEvent(baseUrl: string, event: Record<string, unknown>, key = OA_SECRET_KEY): Promise<Response> {
  const raw = JSON.stringify(event);
  return fetch(`${baseUrl}/webhooks/zalo`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-ZEvent-Signature": signed(raw, String(event.timestamp), key) },
    body: raw,
  });
}

export function userId(n: number): string {
  return `7${String(n).padStart(18, "0")}`;
}
