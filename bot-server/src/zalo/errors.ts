/**
 * What to do when Zalo refuses a call. Zalo answers HTTP 200 with {error: <non-zero>}; codes from
 * ../shared/docs/zalo-platform.md §A7 (best effort: meanings vary between sources), plus -305, -311,
 * -320 and -321 as Zalo's current OA docs describe them.
 */
export type FailureKind =
  | "retryable" // network, 5xx, rate limit, reply quota: back off and try again
  | "token" // access token invalid/expired: refresh once, then retry
  | "unreachable" // cannot message this person now: mark them, never retry
  | "account" // the OA's account lacks what this needs (verification, paid feature): alert the operator
  | "permanent"; // our request is wrong: retrying will not help

export interface SendFailure {
  kind: FailureKind;
  code?: number;
  message: string;
  /**
   * No clear answer from Zalo itself (no answer, a gateway's 5xx or 408, a body without `error`): Zalo
   * may have taken the message, so its history is read before it is sent again.
   */
  maybeDelivered?: boolean;
}

/** -32 rate limit, -100 Zalo's own error, -311 the OA's reply quota is used up for now. */
const RETRYABLE = new Set([-32, -100, -311]);
const TOKEN = new Set([-216, -220]);
/**
 * Codes meaning "not now, not this person": follow/window/block rules (Chatwoot's list, -213, and -305:
 * no reply more than 48 hours after the person's last message, a window refusal like -230).
 */
export const UNREACHABLE_CODES = new Set([-213, -217, -227, -230, -232, -234, -244, -305]);
/**
 * The OA itself cannot send this: -221 not verified; -320 the paid feature needs a linked Zalo Cloud
 * account; -321 that account has no balance. Every message of the kind fails alike until an operator acts.
 */
const ACCOUNT_CODES = new Set([-221, -320, -321]);

export function classifyZaloError(code: number, message: string): SendFailure {
  if (TOKEN.has(code)) return { kind: "token", code, message };
  if (UNREACHABLE_CODES.has(code)) return { kind: "unreachable", code, message };
  if (ACCOUNT_CODES.has(code)) return { kind: "account", code, message };
  if (RETRYABLE.has(code)) return { kind: "retryable", code, message };
  return { kind: "permanent", code, message };
}

export function classifyHttpStatus(status: number, message: string): SendFailure {
  // 5xx (a 502/504 from a gateway in front of Zalo) and 408 may come after Zalo took the message; 429 is a refusal.
  if (status >= 500 || status === 408) return { kind: "retryable", message: `HTTP ${status}: ${message}`, maybeDelivered: true };
  if (status === 429) return { kind: "retryable", message: `HTTP ${status}: ${message}` };
  return { kind: "permanent", message: `HTTP ${status}: ${message}` };
}
