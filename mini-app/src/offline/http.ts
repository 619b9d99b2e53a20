/** Anything with a zod-style parse: every response body is checked before the app trusts it. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/**
 * offline: no answer at all; server: 5xx, 429 or an unreadable body (worth trying again later);
 * rejected: any other 4xx (trying again will not help); unauthenticated: 401.
 */
export type RequestErrorKind = "offline" | "server" | "rejected" | "unauthenticated";

export class RequestError extends Error {
  constructor(
    readonly kind: RequestErrorKind,
    readonly status: number | null,
    /** docs/api.md `error` code, e.g. "retry_later". */
    readonly code: string | null,
    /** The server's Vietnamese sentence, when it sent one. */
    readonly userMessage: string | null,
    readonly body: unknown = null,
  ) {
    super(`${kind} ${status ?? ""} ${code ?? ""}`.trim());
  }
}

export const API_BASE: string = import.meta.env.VITE_API_BASE ?? "";

function field(body: unknown, name: string): string | null {
  if (typeof body !== "object" || body === null) return null;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === "string" ? v : null;
}

/** fetch + JSON + schema, with failures sorted into the few kinds the screens explain differently. */
export function requestJson<T>(path: string, parser: Parser<T>, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return readJson(fetch(API_BASE + path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }), parser);
}

/** The checking half of requestJson, for a request already under way (see lessons/api.ts). */
export async function readJson<T>(pending: Promise<Response>, parser: Parser<T>): Promise<T> {
  let res: Response;
  try {
    res = await pending;
  } catch {
    throw new RequestError("offline", null, null, null);
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    try {
      return parser.parse(body);
    } catch {
      throw new RequestError("server", res.status, "bad_response", null, body);
    }
  }
  const kind: RequestErrorKind =
    res.status === 401 ? "unauthenticated" : res.status >= 500 || res.status === 429 ? "server" : "rejected";
  throw new RequestError(kind, res.status, field(body, "error"), field(body, "message"), body);
}

export const postJson = (body: unknown = {}): RequestInit => ({ method: "POST", body: JSON.stringify(body) });
