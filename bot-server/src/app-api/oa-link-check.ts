import { z } from "zod";
import { readZaloBody, zaloGet } from "../zalo/zalo-get.js";
import { zaloIdSchema } from "./zalo-graph.js";

export type OaLinkCheck = { confirmed: true } | { confirmed: false; detail: string };

export interface OaLinkOptions {
  apiBase: string;
  timeoutMs: number;
  /** The OA access token as stored (OaTokenStore.stored): this process never refreshes it. */
  token: string | undefined;
}

const detailSchema = z.object({
  error: z.coerce.number().optional(),
  message: z.string().optional(),
  data: z.object({ user_id: zaloIdSchema.optional(), user_id_by_app: zaloIdSchema.optional() }).optional(),
});

/**
 * Does Zalo confirm that OA user `oaUserId` (the Mini App's `idByOA` claim) is the person whose app id
 * is `appUserId` (the Graph id Zalo just vouched for)? Asks `GET /v3.0/oa/user/detail` and compares its
 * `user_id_by_app`. Anything short of a clear yes — no token, timeout, HTTP or Zalo error, a missing
 * field — is "not confirmed": the person then gets their own learner, and the next webhook event from
 * them (which Zalo signs) joins the two.
 */
export async function confirmOaLink(oaUserId: string, appUserId: string, options: OaLinkOptions): Promise<OaLinkCheck> {
  const { token } = options;
  if (!token) return { confirmed: false, detail: "no usable OA access token" };
  const data = encodeURIComponent(JSON.stringify({ user_id: oaUserId }));
  const res = await zaloGet(`${options.apiBase}/v3.0/oa/user/detail?data=${data}`, { access_token: token }, options.timeoutMs);
  if (!res.ok) return { confirmed: false, detail: `user/detail call failed: ${res.error}` };
  const { status } = res;
  const body = readZaloBody(detailSchema, res.text);
  if (!body) return { confirmed: false, detail: `unreadable user/detail answer (HTTP ${status})` };
  // Zalo reports failures as HTTP 200 with a non-zero `error`: the body decides.
  if (body.error !== 0) return { confirmed: false, detail: `user/detail error ${body.error ?? "missing"} (HTTP ${status}): ${body.message ?? ""}` };
  if (status !== 200) return { confirmed: false, detail: `user/detail HTTP ${status}` };
  if (body.data?.user_id !== undefined && body.data.user_id !== oaUserId) return { confirmed: false, detail: "user/detail answered for another user" };
  if (body.data?.user_id_by_app === undefined) return { confirmed: false, detail: "user/detail without user_id_by_app" };
  if (body.data.user_id_by_app !== appUserId) return { confirmed: false, detail: "idByOA belongs to another app user" };
  return { confirmed: true };
}
