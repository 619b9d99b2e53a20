/**
 * What to do when Zalo refuses a call. Zalo answers HTTP 200 with {error: <non-zero>}; codes from
 * ../shared/docs/zalo-platform.md §A7 (best effort: meanings vary between sources).
 */
export type FailureKind =
  | "retryable" // network, 5xx, rate limit: back off and try again
  | "token" // access token invalid/expired: refresh once, then retry
  | "unreachable" // cannot message this person now: mark them, never retry
  | "permanent"; // our request is wrong or the OA lacks a right: retrying will not help

export interface SendFailure {
  kind: FailureKind;
  code?: number;
  message: string;
}

const RETRYABLE = new Set([-32, -100]);
const TOKEN = new Set([-216, -220]);
/** Codes meaning "not now, not this person": follow/window/block rules (Chatwoot's list plus -213). */
export const UNREACHABLE_CODES = new Set([-213, -217, -227, -230, -232, -234, -244]);

export function classifyZaloError(code: number, message: string): SendFailure {
  if (TOKEN.has(code)) return { kind: "token", code, message };
  if (UNREACHABLE_CODES.has(code)) return { kind: "unreachable", code, message };
  if (RETRYABLE.has(code)) return { kind: "retryable", code, message };
  return { kind: "permanent", code, message };
}

export function classifyHttpStatus(status: number, message: string): SendFailure {
  if (status >= 500 || status === 429 || status === 408) return { kind: "retryable", message: `HTTP ${status}: ${message}` };
  return { kind: "permanent", message: `HTTP ${status}: ${message}` };
}
