import { createHash, randomBytes } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { ApiError, parseInput } from "./api-error.js";
import { learnerView } from "./me.js";
import { perIpLimit } from "./rate-limit.js";
import type { AppApiDeps } from "./router.js";
import { checkZaloToken, type GraphUser } from "./zalo-graph.js";
import { confirmOaLink } from "./oa-link-check.js";
import { planJoin } from "../learning/merge.js";
import type { OaVouch } from "../learning/learners.js";

/** Sign-ins per minute from one IP address (many people may share a post office's Wi-Fi). */
export const SIGN_INS_PER_MINUTE = 30;

/**
 * The idByOA check waits at most this long (less if ZALO_HTTP_TIMEOUT_MS is shorter): the person is
 * waiting to sign in, and an unconfirmed link costs nothing lasting — the next webhook event joins them.
 */
export const LINK_CHECK_TIMEOUT_MS = 3000;

/** An OA id for this sign-in and who vouched for it (learners.forAppUser). */
interface OaLink {
  oaUserId: string;
  by: OaVouch;
}

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
/** A QR or volunteer code. A malformed one is dropped, never a reason to refuse someone's sign-in. */
const attribution = z
  .string()
  .max(500)
  .transform((v) => (CODE.test(v.trim()) ? v.trim() : undefined))
  .optional();
/** The OA-scoped id from getUserInfo(); dropped when malformed (the person still signs in, unlinked). */
const oaId = z
  .string()
  .max(100)
  .transform((v) => (/^\d{1,32}$/.test(v) ? v : undefined))
  .optional();

const zaloBody = z.strictObject({
  accessToken: z.string().trim().min(1).max(4096),
  idByOA: oaId,
  src: attribution,
  ref: attribution,
});

const devBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  idByOA: oaId,
  src: attribution,
  ref: attribution,
});

const MESSAGES = {
  accessToken: "Thiếu mã đăng nhập Zalo. Bạn mở lại ứng dụng trong Zalo nhé.",
  name: "Tên cần có từ 1 đến 60 ký tự.",
};

/** The same name (or simulated OA user) signs in as the same person again; no name: a new person. */
function devAppUserId(oaUserId: string | undefined, name: string | undefined): string {
  if (oaUserId) return `dev-oa-${oaUserId}`;
  if (name) return `dev-${createHash("sha256").update(name).digest("hex").slice(0, 20)}`;
  return `dev-${randomBytes(10).toString("hex")}`;
}

/** POST /api/auth/zalo (and /api/auth/dev in simulator mode): a checked Zalo user gets a session. */
export function authRouter(deps: AppApiDeps): Router {
  const { config, learning, sessions, clock, log } = deps;
  const router = Router();
  const limit = perIpLimit(clock, SIGN_INS_PER_MINUTE);

  if (!deps.simulator && !config.MINI_APP_ID) {
    log.warn("MINI_APP_ID is not set: Zalo may not say which chat record a Mini App sign-in belongs to (no user_id_by_oa)");
  }

  /**
   * One short transaction: find or link or create the learner, note first touch, open a session.
   * `link` is an OA id Zalo vouched for (or, in simulator mode, the simulator's own user).
   */
  const signIn = (appUserId: string, link: OaLink | undefined, input: { src?: string; ref?: string }, name: string | undefined) =>
    learning.transaction(async () => {
      const { learner, created, join } = await learning.learners.forAppUser(appUserId, link?.oaUserId, name, link?.by);
      // No ids or names in the log: the operator learns that Zalo's ids and ours disagree, nothing personal.
      if (join === "conflict") log.warn({ vouchedBy: link?.by }, "sign-in: Zalo's OA id is paired with someone else here; not linked");
      if (join === "repaired") log.info("sign-in: Graph's user_id_by_oa re-paired a chat record with the Mini App's id");
      await learning.learners.recordFirstTouch(learner.id, input.src, input.ref);
      if (created) await learning.counts.add("learner_joined", learner);
      const session = await sessions.create(learner.id);
      return { sessionToken: session.token, expiresAt: session.expiresAt, learner: learnerView(learner) };
    });

  /**
   * The client's idByOA claim, if Zalo's OA API confirms it and it would change anything; else undefined
   * (the webhook joins the records later). Asked outside any transaction: it is an HTTP call.
   */
  const confirmedOaId = async (idByOA: string | undefined, appUserId: string): Promise<string | undefined> => {
    if (!idByOA) return undefined;
    const plan = (await planJoin(learning.store, idByOA, appUserId)).plan;
    if (plan === "already" || plan === "conflict") return undefined;
    const check = await confirmOaLink(idByOA, appUserId, {
      apiBase: config.ZALO_OA_API_BASE,
      timeoutMs: Math.min(config.ZALO_HTTP_TIMEOUT_MS, LINK_CHECK_TIMEOUT_MS),
      token: await deps.oaToken(),
    });
    if (check.confirmed) return idByOA;
    log.info({ detail: check.detail }, "idByOA not confirmed; signed in without linking");
    return undefined;
  };

  /**
   * Which chat record this person is, by Zalo's word: Graph's `user_id_by_oa` when it gave one (the
   * client's idByOA is then ignored, and a different one only logged); else the client's claim, once
   * OA user/detail confirms it; else none (the signed webhook's `user_id_by_app` joins them later).
   */
  const oaLink = async (user: GraphUser, claimed: string | undefined): Promise<OaLink | undefined> => {
    if (user.idByOA) {
      if (claimed && claimed !== user.idByOA) log.warn("sign-in: the app's idByOA differs from Zalo's user_id_by_oa; Zalo's is used");
      return { oaUserId: user.idByOA, by: "graph" };
    }
    const confirmed = await confirmedOaId(claimed, user.id);
    return confirmed ? { oaUserId: confirmed, by: "confirmed" } : undefined;
  };

  router.post("/api/auth/zalo", limit, async (req, res) => {
    const body = parseInput(zaloBody, req.body, MESSAGES);
    const check = await checkZaloToken(body.accessToken, {
      graphBase: config.ZALO_GRAPH_BASE,
      appSecret: config.ZALO_APP_SECRET,
      miniAppId: config.MINI_APP_ID,
      timeoutMs: config.ZALO_HTTP_TIMEOUT_MS,
    });
    if (!check.ok) {
      if (check.reason === "invalid") {
        log.info({ detail: check.detail }, "zalo sign-in refused");
        throw new ApiError(401, "invalid_zalo_token", "Zalo chưa xác nhận được tài khoản của bạn. Bạn đóng ứng dụng rồi mở lại nhé.");
      }
      log.warn({ detail: check.detail }, "zalo sign-in could not be checked");
      throw new ApiError(503, "zalo_unavailable", "Chưa kết nối được với Zalo để đăng nhập. Bạn thử lại sau ít phút nhé.");
    }
    const { user } = check;
    // Zalo marks accounts needing special care (children, among others): their Zalo name is not kept.
    const name = user.sensitive ? undefined : user.name;
    res.json(await signIn(user.id, await oaLink(user, body.idByOA), body, name));
  });

  // Development sign-in: only when the server talks to its own simulated Zalo; absent (404) otherwise.
  if (deps.simulator) {
    router.post("/api/auth/dev", limit, async (req, res) => {
      const body = parseInput(devBody, req.body, MESSAGES);
      const name = body.name?.normalize("NFC");
      const linked = body.idByOA ? (await learning.learners.byZaloUserId(body.idByOA))?.zalo_app_user_id : null;
      // The simulated Zalo is ours: its user ids need no confirmation.
      res.json(await signIn(linked ?? devAppUserId(body.idByOA, name), body.idByOA ? { oaUserId: body.idByOA, by: "confirmed" } : undefined, body, name));
    });
  }
  return router;
}
