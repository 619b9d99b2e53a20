import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";
import { parseJsonKeepingBigInts } from "../zalo/json.js";
import { zaloIdSchema } from "./zalo-graph.js";

export type OaLinkCheck = { confirmed: true } | { confirmed: false; detail: string };

export interface OaLinkOptions {
  apiBase: string;
  timeoutMs: number;
  db: Db;
  clock: Clock;
}

const detailSchema = z.object({
  error: z.coerce.number().optional(),
  message: z.string().optional(),
  data: z.object({ user_id: zaloIdSchema.optional(), user_id_by_app: zaloIdSchema.optional() }).optional(),
});

/**
 * The OA access token as stored, read-only. Never refreshed from here: Zalo's refresh tokens work once
 * and the processing thread owns refreshing (zalo/tokens.ts). No token, or one past its end: no check.
 */
function storedAccessToken(db: Db, clock: Clock): string | undefined {
  const row = sql(db, `SELECT access_token, expires_at FROM oa_tokens WHERE id = 1`).get() as
    | { access_token: string; expires_at: string | null }
    | undefined;
  if (!row?.access_token) return undefined;
  if (row.expires_at && Date.parse(row.expires_at) <= clock.now().getTime()) return undefined;
  return row.access_token;
}

/**
 * Does Zalo confirm that OA user `oaUserId` (the Mini App's `idByOA` claim) is the person whose app id
 * is `appUserId` (the Graph id Zalo just vouched for)? Asks `GET /v3.0/oa/user/detail` and compares its
 * `user_id_by_app`. Anything short of a clear yes — no token, timeout, HTTP or Zalo error, a missing
 * field — is "not confirmed": the person then gets their own learner, and the next webhook event from
 * them (which Zalo signs) joins the two.
 */
export async function confirmOaLink(oaUserId: string, appUserId: string, options: OaLinkOptions): Promise<OaLinkCheck> {
  const token = storedAccessToken(options.db, options.clock);
  if (!token) return { confirmed: false, detail: "no usable OA access token" };
  const data = encodeURIComponent(JSON.stringify({ user_id: oaUserId }));
  let status: number;
  let text: string;
  try {
    const res = await fetch(`${options.apiBase}/v3.0/oa/user/detail?data=${data}`, {
      headers: { access_token: token },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    return { confirmed: false, detail: `user/detail call failed: ${(err as Error).name}` };
  }
  let body: z.infer<typeof detailSchema>;
  try {
    body = detailSchema.parse(parseJsonKeepingBigInts(text));
  } catch {
    return { confirmed: false, detail: `unreadable user/detail answer (HTTP ${status})` };
  }
  // Zalo reports failures as HTTP 200 with a non-zero `error`: the body decides.
  if (body.error !== 0) return { confirmed: false, detail: `user/detail error ${body.error ?? "missing"} (HTTP ${status}): ${body.message ?? ""}` };
  if (status !== 200) return { confirmed: false, detail: `user/detail HTTP ${status}` };
  if (body.data?.user_id !== undefined && body.data.user_id !== oaUserId) return { confirmed: false, detail: "user/detail answered for another user" };
  if (body.data?.user_id_by_app === undefined) return { confirmed: false, detail: "user/detail without user_id_by_app" };
  if (body.data.user_id_by_app !== appUserId) return { confirmed: false, detail: "idByOA belongs to another app user" };
  return { confirmed: true };
}
