import { createHmac } from "node:crypto";
import { z } from "zod";
import { readZaloBody, zaloGet } from "../zalo/zalo-get.js";

export interface GraphUser {
  /** The person's id for our Zalo App (user_id_by_app); a big-integer string. */
  id: string;
  name: string | undefined;
}

export type GraphCheck =
  | { ok: true; user: GraphUser }
  /** Zalo says the token is not good (forged, expired, another app's). */
  | { ok: false; reason: "invalid"; detail: string }
  /** Zalo could not be asked, or refused our own credentials: not the person's fault. */
  | { ok: false; reason: "unavailable"; detail: string };

export interface GraphOptions {
  graphBase: string;
  appSecret: string | undefined;
  timeoutMs: number;
}

/** Codes that mean our server's side of the call is wrong (appsecret_proof, app), not the user's token. */
const OUR_FAULT = new Set([-242, -14002]);

/** A Zalo id: long ones arrive as strings (kept exact by the parser); a short one may be a JSON number. */
export const zaloIdSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,32}$/));

const meSchema = z.object({
  error: z.coerce.number().optional(),
  message: z.string().optional(),
  id: zaloIdSchema.optional(),
  name: z.string().optional(),
});

export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

/**
 * Asks Zalo who a Mini App access token belongs to: GET /v2.0/me with `appsecret_proof`. Zalo answers
 * HTTP 200 with `{error, message}` on failure, so the body decides, never the status alone.
 */
export async function checkZaloToken(accessToken: string, options: GraphOptions): Promise<GraphCheck> {
  if (!options.appSecret) return { ok: false, reason: "unavailable", detail: "ZALO_APP_SECRET is not set" };
  const headers = { access_token: accessToken, appsecret_proof: appSecretProof(options.appSecret, accessToken) };
  const res = await zaloGet(`${options.graphBase}/v2.0/me?fields=id,name`, headers, options.timeoutMs);
  if (!res.ok) return { ok: false, reason: "unavailable", detail: `graph call failed: ${res.error}` };
  const { status } = res;
  if (status >= 500 || status === 429) return { ok: false, reason: "unavailable", detail: `HTTP ${status}` };
  const body = readZaloBody(meSchema, res.text);
  if (!body) return { ok: false, reason: "unavailable", detail: `unreadable answer (HTTP ${status})` };
  if (body.error) {
    const detail = `graph error ${body.error}: ${body.message ?? ""}`;
    return { ok: false, reason: OUR_FAULT.has(body.error) ? "unavailable" : "invalid", detail };
  }
  if (status >= 400 || !body.id) return { ok: false, reason: "invalid", detail: `HTTP ${status} without a user id` };
  return { ok: true, user: { id: body.id, name: body.name?.normalize("NFC").trim() || undefined } };
}
