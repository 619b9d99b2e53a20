import { randomBytes } from "node:crypto";
import axios from "axios";
import express, { Router, type Response } from "express";
import { z } from "zod";
import { signWebhook } from "../zalo/signature.js";
import type { SimStore } from "./store.js";

export interface SimIdentity {
  appId: string;
  oaId: string;
  /** Key the simulated Zalo signs webhook events with. */
  secretKey: string;
}

const newUser = z.object({ name: z.string().trim().min(1).max(60) });
const say = z.union([
  z.object({ text: z.string().max(5000) }),
  z.object({ payload: z.string().min(1).max(1000), title: z.string().max(100), show: z.boolean().optional() }),
]);
const follow = z.object({ source: z.string().max(100).optional() });
/** The id the page has shown up to; anything unreadable means "from the start". */
const afterId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).catch(0);

/**
 * JSON API behind the /sim page: simulated citizens follow the OA, type and tap buttons. Each action
 * becomes a signed Zalo event POSTed over HTTP to our own /webhooks/zalo, the path real events take.
 */
export function simApiRouter(store: SimStore, identity: SimIdentity, webhookUrl: () => string): Router {
  const router = Router();
  router.use(express.json({ limit: "64kb" }));

  const deliver = async (event: Record<string, unknown>, res: Response) => {
    const raw = JSON.stringify(event);
    const signature = signWebhook(identity.appId, raw, String(event.timestamp), identity.secretKey);
    try {
      const r = await axios.post(webhookUrl(), raw, {
        headers: { "Content-Type": "application/json", "X-ZEvent-Signature": signature },
        validateStatus: () => true,
        timeout: 10_000,
      });
      res.status(r.status === 200 ? 200 : 502).json({ ok: r.status === 200, webhookStatus: r.status });
    } catch (err) {
      res.status(502).json({ ok: false, message: `webhook unreachable: ${(err as Error).message}` });
    }
  };
  const base = (userId: string, name: string) => ({
    app_id: identity.appId,
    user_id_by_app: `9${userId.slice(1)}`,
    event_name: name,
    timestamp: String(Date.now()),
  });

  router.get("/users", async (_req, res) => {
    res.json({ users: await store.users() });
  });

  router.post("/users", async (req, res) => {
    const parsed = newUser.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: "Cần một tên (1–60 ký tự)." });
      return;
    }
    res.status(201).json({ user: await store.createUser(parsed.data.name.normalize("NFC")) });
  });

  router.post("/users/:id/follow", async (req, res) => {
    const user = await store.user(req.params.id);
    const parsed = follow.safeParse(req.body ?? {});
    if (!user || !parsed.success) {
      res.status(404).json({ message: "Không có người dùng này." });
      return;
    }
    await store.setFollows(user.user_id, true);
    await deliver(
      { ...base(user.user_id, "follow"), oa_id: identity.oaId, follower: { id: user.user_id }, source: parsed.data.source ?? "oa_profile" },
      res,
    );
  });

  router.post("/users/:id/unfollow", async (req, res) => {
    const user = await store.user(req.params.id);
    if (!user) {
      res.status(404).json({ message: "Không có người dùng này." });
      return;
    }
    await store.setFollows(user.user_id, false);
    await deliver({ ...base(user.user_id, "unfollow"), oa_id: identity.oaId, follower: { id: user.user_id } }, res);
  });

  router.post("/users/:id/messages", async (req, res) => {
    const user = await store.user(req.params.id);
    const parsed = say.safeParse(req.body);
    if (!user || !parsed.success) {
      res.status(user ? 400 : 404).json({ message: user ? "Tin nhắn không hợp lệ." : "Không có người dùng này." });
      return;
    }
    const msgId = randomBytes(10).toString("hex");
    const text = "text" in parsed.data ? parsed.data.text.normalize("NFC") : parsed.data.payload;
    // What the person sees in their own chat: typed text, or the title of the button they tapped.
    await store.addMessage(user.user_id, "in", "text" in parsed.data ? { text } : { tapped: parsed.data.title, payload: text });
    await deliver(
      { ...base(user.user_id, "user_send_text"), sender: { id: user.user_id }, recipient: { id: identity.oaId }, message: { text, msg_id: msgId } },
      res,
    );
  });

  router.get("/users/:id/messages", async (req, res) => {
    const after = afterId.parse(req.query.after);
    const messages = (await store.messages(req.params.id, after)).map((m) => ({
      id: m.id,
      direction: m.direction,
      body: JSON.parse(m.body) as unknown,
      at: m.created_at,
    }));
    res.json({ messages });
  });
  return router;
}
