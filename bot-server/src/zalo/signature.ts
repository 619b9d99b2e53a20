import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Zalo's webhook signature: "mac=" + hex(sha256(appId + rawBody + timestamp + oaSecretKey)).
 * A plain hash, not an HMAC; the timestamp is the `timestamp` field inside the body; the key is the OA
 * Secret Key from the app's Webhook page (not the app secret). See ../shared/docs/zalo-platform.md §A3.
 */
export function signWebhook(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return "mac=" + createHash("sha256").update(appId + rawBody + timestamp + oaSecretKey, "utf8").digest("hex");
}

/** Constant-time check; accepts "mac=<hex>" and the bare hex some integrations send. */
export function verifyWebhookSignature(
  header: string | undefined,
  appId: string,
  rawBody: string,
  timestamp: string,
  oaSecretKey: string,
): boolean {
  if (!header) return false;
  const got = header.trim().toLowerCase().replace(/^mac=/, "");
  const expected = signWebhook(appId, rawBody, timestamp, oaSecretKey).slice("mac=".length);
  if (!/^[0-9a-f]{64}$/.test(got)) return false;
  return timingSafeEqual(Buffer.from(got, "hex"), Buffer.from(expected, "hex"));
}
