import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac, randomBytes } from "node:crypto";

/** What the fake does with the next CS send (consumed in order; afterwards it accepts). */
export type SendBehaviour =
  | { kind: "http"; status: number }
  | { kind: "error"; code: number; message?: string }
  | { kind: "hang" } // accepts the request, records nothing, never answers
  | { kind: "accept-then-hang" } // records the message as delivered, never answers (crash-like)
  /** Records the message as delivered, then answers this instead (a gateway's 502, a body without `error`). */
  | { kind: "accept-then-answer"; status: number; body: unknown }
  | { kind: "delay"; ms: number };

export interface Delivered {
  userId: string;
  text: string | undefined;
  body: Record<string, unknown>;
  messageId: string;
  accessToken: string | undefined;
  at: number;
}

/**
 * A fake Zalo on 127.0.0.1: OA CS messages, OAuth refresh (single-use refresh tokens, like Zalo's),
 * conversation history and the Graph /me check. Real HTTP, so the product's own client code runs.
 */
export class FakeZalo {
  readonly delivered: Delivered[] = [];
  readonly sendRequests: { userId: string; accessToken: string | undefined }[] = [];
  readonly refreshRequests: { form: URLSearchParams; secretKey: string | undefined }[] = [];
  readonly behaviours: SendBehaviour[] = [];
  /**
   * Every n-th CS send (counting all requests) gets no answer at all, once no queued behaviour applies.
   * `recorded`: Zalo took the message (it is delivered and in the history) before the line went
   * silent, as when a real send went through; otherwise it never arrived.
   */
  readonly hangEvery: { every: number; recorded: boolean }[] = [];
  /** Ids the next accepted sends get, in order (then random ones): e.g. an id a row already holds. */
  readonly messageIds: string[] = [];
  /** Conversation history: "down" answers HTTP 502 (the server cannot tell what Zalo has). */
  conversationBehaviour: "answer" | "down" = "answer";
  /**
   * What the next history reads do, consumed in order before `conversationBehaviour` applies; "lagging"
   * answers an empty history (Zalo has the message but does not list it yet).
   */
  readonly conversationScript: ("answer" | "down" | "lagging")[] = [];
  conversationRequests = 0;
  /** Users Zalo refuses with a given code (e.g. -230 after 7 days of silence). */
  readonly refuse = new Map<string, number>();
  accessToken = "access-1";
  refreshToken = "refresh-1";
  appSecret = "app-secret";
  expiresIn: string = "90000";
  refreshDelayMs = 20;
  /** Graph /v2.0/me: the Mini App access tokens Zalo issued, and whose they are. */
  readonly graphUsers = new Map<string, GraphUser>();
  /** What Graph knows of a person beyond their id, by Graph id (whichever token they sign in with). */
  readonly graphPeople = new Map<string, GraphPerson>();
  readonly graphRequests: { accessToken: string | undefined; proof: string | undefined; query: string }[] = [];
  /**
   * The Mini App linked to the OA: only a request naming it (`miniapp_id`) gets `user_id_by_oa`, as we
   * understand Zalo (unconfirmed). Undefined: Zalo gives it whatever the request says.
   */
  graphMiniAppId: string | undefined = undefined;
  /** "down": HTTP 502; "hang": never answers (the server's timeout must fire). */
  graphBehaviour: "answer" | "down" | "hang" = "answer";
  sendDelayMs = 0;
  /** OA user/detail: who each OA-scoped user is for the Zalo App (user_id_by_app). */
  readonly oaUsers = new Map<string, { userIdByApp?: string; name: string }>();
  readonly userDetailRequests: { accessToken: string | undefined; userId: string | undefined }[] = [];
  /** "error": HTTP 200 with a Zalo error code; "no-error-field": data but no `error`; "down": HTTP 502; "hang": never answers. */
  userDetailBehaviour: "answer" | "error" | "no-error-field" | "down" | "hang" = "answer";
  private generation = 1;
  private server: Server | null = null;
  private readonly hanging = new Set<ServerResponse>();
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  textsFor(userId: string): (string | undefined)[] {
    return this.delivered.filter((d) => d.userId === userId).map((d) => d.text);
  }

  async waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await predicate())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === "/v3.0/oa/message/cs") return this.send(req, res, body);
    if (req.method === "POST" && url.pathname === "/v4/oa/access_token") return this.refresh(req, res, body);
    if (req.method === "GET" && url.pathname === "/v2.0/oa/conversation") return this.conversation(url, res);
    if (req.method === "GET" && url.pathname === "/v2.0/me") return this.graphMe(req, url, res);
    if (req.method === "GET" && url.pathname === "/v3.0/oa/user/detail") return this.userDetail(req, url, res);
    json(res, 404, { error: -404, message: "not found" });
  }

  private async send(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const token = header(req, "access_token");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(res, 200, { error: -201, message: "invalid json" });
    }
    const userId = String((body.recipient as { user_id?: unknown } | undefined)?.user_id ?? "");
    this.sendRequests.push({ userId, accessToken: token });
    if (this.sendDelayMs) await sleep(this.sendDelayMs);
    const behaviour = this.behaviours.shift() ?? this.periodicHang(this.sendRequests.length);
    if (behaviour?.kind === "http") return json(res, behaviour.status, { message: "server error" });
    if (behaviour?.kind === "error") return json(res, 200, { error: behaviour.code, message: behaviour.message ?? "refused" });
    if (behaviour?.kind === "hang") {
      this.hanging.add(res);
      return;
    }
    if (behaviour?.kind === "delay") await sleep(behaviour.ms);
    if (token !== this.accessToken) return json(res, 200, { error: -216, message: "Access token is invalid" });
    const refused = this.refuse.get(userId);
    if (refused) return json(res, 200, { error: refused, message: "cannot send to this user" });
    const messageId = this.messageIds.shift() ?? randomBytes(8).toString("hex");
    const message = body.message as { text?: string } | undefined;
    this.delivered.push({ userId, text: message?.text, body, messageId, accessToken: token, at: Date.now() });
    if (behaviour?.kind === "accept-then-hang") {
      this.hanging.add(res);
      return;
    }
    if (behaviour?.kind === "accept-then-answer") return json(res, behaviour.status, behaviour.body);
    json(res, 200, { error: 0, message: "Success", data: { message_id: messageId, user_id: userId } });
  }

  private periodicHang(nth: number): SendBehaviour | undefined {
    const rule = this.hangEvery.find((r) => nth % r.every === 0);
    if (!rule) return undefined;
    return { kind: rule.recorded ? "accept-then-hang" : "hang" };
  }

  private async refresh(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const form = new URLSearchParams(raw);
    this.refreshRequests.push({ form, secretKey: header(req, "secret_key") });
    await sleep(this.refreshDelayMs);
    if (header(req, "secret_key") !== this.appSecret) return json(res, 200, { error: -14002, error_name: "invalid secret" });
    if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== this.refreshToken) {
      // Zalo's refresh tokens work once: a reused one is refused.
      return json(res, 200, { error: -14014, error_name: "Invalid refresh token" });
    }
    this.generation++;
    this.accessToken = `access-${this.generation}`;
    this.refreshToken = `refresh-${this.generation}`;
    json(res, 200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: this.expiresIn });
  }

  /** Like Zalo: HTTP 200 with {error, message} for a bad token or a wrong appsecret_proof. */
  private graphMe(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const token = header(req, "access_token");
    const proof = header(req, "appsecret_proof");
    this.graphRequests.push({ accessToken: token, proof, query: url.search });
    if (this.graphBehaviour === "down") return json(res, 502, { message: "bad gateway" });
    if (this.graphBehaviour === "hang") {
      this.hanging.add(res);
      return;
    }
    const expected = token ? createHmac("sha256", this.appSecret).update(token).digest("hex") : "";
    if (proof !== expected) return json(res, 200, { error: -242, message: "appsecret_proof is invalid" });
    const user = token ? this.graphUsers.get(token) : undefined;
    if (!user) return json(res, 200, { error: -501, message: "Access token is invalid" });
    res.writeHead(200, { "Content-Type": "application/json" });
    if (user.rawAnswer !== undefined) return void res.end(user.rawAnswer);
    const fields = new Set((url.searchParams.get("fields") ?? "").split(","));
    // A long id goes out as a bare JSON number, as some Zalo answers do: the server must keep it exact.
    const parts = [`"id":${user.id}`, `"name":${JSON.stringify(user.name)}`];
    const person = this.graphPeople.get(user.id) ?? {};
    const forOurMiniApp = this.graphMiniAppId === undefined || url.searchParams.get("miniapp_id") === this.graphMiniAppId;
    if (fields.has("user_id_by_oa") && forOurMiniApp && person.userIdByOA !== undefined) parts.push(`"user_id_by_oa":${JSON.stringify(person.userIdByOA)}`);
    if (fields.has("is_sensitive")) parts.push(`"is_sensitive":${person.isSensitive === true}`);
    if (fields.has("picture")) parts.push(`"picture":{"data":{"url":"https://s120-ava-talk.zadn.vn/a/b.jpg"}}`);
    res.end(`{${parts.join(",")},"error":0,"message":"Success"}`);
  }

  /** Like Zalo: HTTP 200 with {error, message} for a bad token or an unknown user; ids as strings. */
  private userDetail(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const token = header(req, "access_token");
    let userId: string | undefined;
    try {
      userId = (JSON.parse(url.searchParams.get("data") ?? "{}") as { user_id?: string }).user_id;
    } catch {
      return json(res, 200, { error: -201, message: "Parameters are invalid" });
    }
    this.userDetailRequests.push({ accessToken: token, userId });
    if (this.userDetailBehaviour === "down") return json(res, 502, { message: "bad gateway" });
    if (this.userDetailBehaviour === "error") return json(res, 200, { error: -32, message: "Exceed rate limit" });
    if (this.userDetailBehaviour === "hang") {
      this.hanging.add(res);
      return;
    }
    if (token !== this.accessToken) return json(res, 200, { error: -216, message: "Access token is invalid" });
    const user = userId ? this.oaUsers.get(userId) : undefined;
    if (!user) return json(res, 200, { error: -213, message: "User has not followed OA" });
    const data: Record<string, unknown> = { user_id: userId, display_name: user.name, user_is_follower: true };
    if (user.userIdByApp !== undefined) data.user_id_by_app = user.userIdByApp;
    json(res, 200, this.userDetailBehaviour === "no-error-field" ? { data } : { error: 0, message: "Success", data });
  }

  private conversation(url: URL, res: ServerResponse): void {
    this.conversationRequests++;
    const behaviour = this.conversationScript.shift() ?? this.conversationBehaviour;
    if (behaviour === "down") return json(res, 502, { message: "bad gateway" });
    const q = JSON.parse(url.searchParams.get("data") ?? "{}") as { user_id?: string; count?: number };
    const data = (behaviour === "lagging" ? [] : this.delivered)
      .filter((d) => d.userId === q.user_id)
      .slice(-(q.count ?? 10))
      .reverse()
      .map((d) => ({ src: 0, time: d.at, message_id: d.messageId, message: d.text, to_id: d.userId, type: "text" }));
    json(res, 200, this.userDetailBehaviour === "no-error-field" ? { data } : { error: 0, message: "Success", data });
  }
}

/** Whose a Mini App access token is, as Graph /v2.0/me tells it. */
export interface GraphUser {
  id: string;
  name: string;
  /** Answer exactly this text (HTTP 200) instead: Zalo's odd shapes. */
  rawAnswer?: string;
}

export interface GraphPerson {
  /** The person as the OA knows them, sent only when asked for (and for the linked Mini App). */
  userIdByOA?: string;
  isSensitive?: boolean;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
