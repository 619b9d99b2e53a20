import { createHmac } from "node:crypto";
import { z } from "zod";
import { readZaloBody, zaloGet } from "../zalo/zalo-get.js";

export interface GraphUser {
  /** The person's id for our Zalo App (user_id_by_app); a big-integer string. */
  id: string;
  name: string | undefined;
  /**
   * The person's id as our OA knows it (`user_id_by_oa`, the webhook's sender id), when Zalo gives it:
   * Zalo's own word for this token, so it decides the link to the chat record.
   */
  idByOA: string | undefined;
  /** Zalo marks the account as one needing special care with personal data (children, among others). */
  sensitive: boolean;
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
  /** MINI_APP_ID: Zalo needs it to say which OA `user_id_by_oa` is for (zmp-sdk always sends it). */
  miniAppId: string | undefined;
  timeoutMs: number;
}

/** The fields zmp-sdk's own getUserInfo() asks for; `picture` is asked like the SDK does, never read. */
const GRAPH_ME_FIELDS = "id,name,user_id_by_oa,is_sensitive,picture";

/** Codes that mean our server's side of the call is wrong (appsecret_proof, app), not the user's token. */
const OUR_FAULT = new Set([-242, -14002]);

/** A Zalo id: long ones arrive as strings (kept exact by the parser); a short one may be a JSON number. */
export const zaloIdSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,32}$/));

/** A person's id: a Zalo id that is not all zeros (never a real person; it would make everyone one). */
const personId = zaloIdSchema.refine((v) => !/^0+$/.test(v));

/** An optional field Zalo may leave out, send empty, or send in another shape: anything odd is "none". */
const lenient = <S extends z.ZodType>(schema: S) =>
  z
    .unknown()
    .transform((v): z.infer<S> | undefined => {
      const parsed = schema.safeParse(v);
      return parsed.success ? parsed.data : undefined;
    })
    .optional();

const meSchema = z.object({
  // A non-number `error` makes the answer unreadable: never read a broken answer as a success.
  error: z.coerce.number().optional(),
  message: lenient(z.string()),
  // A malformed id (not digits, a lossy float, all zeros) makes the answer unreadable too.
  id: personId.optional(),
  name: lenient(z.string()),
  user_id_by_oa: lenient(personId),
  // Only a clear yes counts as sensitive; absent or odd means Zalo did not say so.
  is_sensitive: z
    .unknown()
    .transform((v) => v === true || v === "true" || v === 1)
    .optional(),
});

export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

function graphMeUrl(graphBase: string, miniAppId: string | undefined): string {
  const query = new URLSearchParams({ fields: GRAPH_ME_FIELDS });
  if (miniAppId) query.set("miniapp_id", miniAppId);
  // Commas kept as the SDK sends them (URLSearchParams would write %2C).
  return `${graphBase}/v2.0/me?${query.toString().replace(/%2C/g, ",")}`;
}

/**
 * Asks Zalo who a Mini App access token belongs to: GET /v2.0/me with `appsecret_proof`, the same query
 * zmp-sdk's getUserInfo() makes. Zalo answers HTTP 200 with `{error, message}` on failure, so the body
 * decides, never the status alone.
 */
export async function checkZaloToken(accessToken: string, options: GraphOptions): Promise<GraphCheck> {
  if (!options.appSecret) return { ok: false, reason: "unavailable", detail: "ZALO_APP_SECRET is not set" };
  const headers = { access_token: accessToken, appsecret_proof: appSecretProof(options.appSecret, accessToken) };
  const res = await zaloGet(graphMeUrl(options.graphBase, options.miniAppId), headers, options.timeoutMs);
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
  const name = body.name?.normalize("NFC").trim().slice(0, 100) || undefined;
  return { ok: true, user: { id: body.id, name, idByOA: body.user_id_by_oa, sensitive: body.is_sensitive === true } };
}
