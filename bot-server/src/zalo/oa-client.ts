import type { AxiosInstance } from "axios";
import type { Logger } from "pino";
import { classifyHttpStatus, classifyZaloError, type SendFailure } from "./errors.js";
import { toZaloCsBody, type OutgoingMessage } from "./messages.js";
import { MAX_TEXT, splitText } from "./split-text.js";
import { TokenRefreshError, type AccessTokens } from "./tokens.js";

export type SendOutcome = { ok: true; messageId: string } | { ok: false; failure: SendFailure };

/** One message as Zalo's conversation history shows it (fields vary; only these are read). */
export interface HistoryMessage {
  messageId: string | undefined;
  text: string | undefined;
  toId: string | undefined;
  fromOa: boolean;
  time: number | undefined;
}

interface Deps {
  http: AxiosInstance;
  apiBase: string;
  tokens: AccessTokens;
  timeoutMs: number;
  log: Logger;
}

/**
 * The only code that calls the OA Open API. Zalo reports failures as HTTP 200 + {error: non-zero}, so
 * every answer's body is read; nothing here throws for a refused send, it returns a classified failure.
 */
export class OaClient {
  constructor(private readonly deps: Deps) {}

  /** Sends one CS message (text at most 2,000 characters). On -216/-220: one refresh, one retry. */
  async send(userId: string, message: OutgoingMessage): Promise<SendOutcome> {
    if (message.type === "text" && message.text.length > MAX_TEXT) {
      return { ok: false, failure: { kind: "permanent", message: `text over ${MAX_TEXT} characters: use sendLong` } };
    }
    let token: string;
    try {
      token = await this.deps.tokens.current();
    } catch (err) {
      return { ok: false, failure: tokenFailure(err) };
    }
    const first = await this.post(userId, message, token);
    if (first.ok || first.failure.kind !== "token") return first;
    let fresh: string;
    try {
      fresh = await this.deps.tokens.refreshAfterRejection(token);
    } catch (err) {
      return { ok: false, failure: tokenFailure(err) };
    }
    return this.post(userId, message, fresh);
  }

  /** Sends a text of any length as several messages split at sentence ends; buttons go on the last. */
  async sendLong(userId: string, message: OutgoingMessage): Promise<SendOutcome[]> {
    if (message.type !== "text") return [await this.send(userId, message)];
    const parts = splitText(message.text);
    const outcomes: SendOutcome[] = [];
    for (const [i, text] of parts.entries()) {
      const last = i === parts.length - 1;
      const outcome = await this.send(userId, { type: "text", text, ...(last && message.buttons ? { buttons: message.buttons } : {}) });
      outcomes.push(outcome);
      if (!outcome.ok) break;
    }
    return outcomes;
  }

  /**
   * Recent messages with one person (GET /v2.0/oa/conversation), used to learn whether a send that was
   * cut off by a crash reached Zalo. Returns null when the history cannot be read.
   */
  async recentMessages(userId: string, count = 10): Promise<HistoryMessage[] | null> {
    try {
      const token = await this.deps.tokens.current();
      const data = JSON.stringify({ user_id: userId, offset: 0, count });
      const res = await this.deps.http.get(`${this.deps.apiBase}/v2.0/oa/conversation`, {
        params: { data },
        headers: { access_token: token },
        timeout: this.deps.timeoutMs,
        validateStatus: () => true,
      });
      const body = res.data as { error?: number; data?: unknown } | undefined;
      if (res.status !== 200 || !body || body.error !== 0 || !Array.isArray(body.data)) return null;
      return body.data.map((m: Record<string, unknown>) => ({
        messageId: m.message_id === undefined ? undefined : String(m.message_id),
        text: typeof m.message === "string" ? m.message.normalize("NFC") : undefined,
        toId: m.to_id === undefined ? undefined : String(m.to_id),
        fromOa: m.src === 0 || m.src === "0",
        time: m.time === undefined ? undefined : Number(m.time),
      }));
    } catch (err) {
      this.deps.log.warn({ err }, "could not read conversation history");
      return null;
    }
  }

  private async post(userId: string, message: OutgoingMessage, token: string): Promise<SendOutcome> {
    try {
      const res = await this.deps.http.post(`${this.deps.apiBase}/v3.0/oa/message/cs`, toZaloCsBody(userId, message), {
        headers: { access_token: token, "Content-Type": "application/json" },
        timeout: this.deps.timeoutMs,
        validateStatus: () => true,
      });
      if (res.status !== 200) return { ok: false, failure: classifyHttpStatus(res.status, String(res.statusText ?? "")) };
      const body = res.data as { error?: unknown; message?: unknown; data?: { message_id?: unknown } } | undefined;
      const code = Number(body?.error);
      if (!body || !Number.isFinite(code)) {
        return { ok: false, failure: { kind: "retryable", message: "Zalo answered without an error field", maybeDelivered: true } };
      }
      if (code !== 0) return { ok: false, failure: classifyZaloError(code, String(body.message ?? "")) };
      return { ok: true, messageId: String(body.data?.message_id ?? "") };
    } catch (err) {
      // No answer at all (refused connection, reset, timeout): the message may or may not have arrived.
      return { ok: false, failure: { kind: "retryable", message: `network: ${(err as Error).message}`, maybeDelivered: true } };
    }
  }
}

function tokenFailure(err: unknown): SendFailure {
  // A refresh that fails (Zalo down, chain broken) is retried later; the operator sees the log line.
  const message = err instanceof TokenRefreshError ? err.message : `token: ${(err as Error).message}`;
  return { kind: "retryable", message };
}
