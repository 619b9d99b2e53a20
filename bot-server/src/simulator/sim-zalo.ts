import express, { Router } from "express";
import type { SimStore } from "./store.js";

/**
 * A stand-in for Zalo's OA Open API, mounted at /sim/zalo in simulator mode. The real OA client talks
 * to it over HTTP, so simulator mode runs the same code as production — including Zalo's refusal to
 * message someone who does not follow the OA (-213).
 */
export function simZaloRouter(store: SimStore): Router {
  const router = Router();
  router.post("/v3.0/oa/message/cs", express.json({ limit: "1mb" }), async (req, res) => {
    if (!req.get("access_token")) {
      res.json({ error: -216, message: "Access token is invalid" });
      return;
    }
    const userId = String(req.body?.recipient?.user_id ?? "");
    const message = req.body?.message;
    const user = await store.user(userId);
    if (!user || typeof message !== "object" || message === null) {
      res.json({ error: -201, message: "Parameters are invalid" });
      return;
    }
    if (!user.follows) {
      res.json({ error: -213, message: "User has not followed OA" });
      return;
    }
    if (typeof message.text === "string" && message.text.length > 2000) {
      res.json({ error: -201, message: "Text is too long" });
      return;
    }
    const saved = await store.addMessage(userId, "out", message);
    res.json({ error: 0, message: "Success", data: { message_id: saved.msg_id, user_id: userId } });
  });

  router.get("/v2.0/oa/conversation", async (req, res) => {
    let query: { user_id?: unknown; count?: unknown };
    try {
      query = JSON.parse(String(req.query.data ?? "{}"));
    } catch {
      res.json({ error: -201, message: "Parameters are invalid" });
      return;
    }
    const userId = String(query.user_id ?? "");
    const count = Math.min(50, Number(query.count) || 10);
    const data = (await store.recent(userId, count)).map((m) => {
      const body = JSON.parse(m.body) as { text?: string };
      return {
        src: m.direction === "out" ? 0 : 1,
        time: Date.parse(m.created_at),
        message_id: m.msg_id,
        message: body.text ?? "",
        type: "text",
        from_id: m.direction === "out" ? "oa" : userId,
        to_id: m.direction === "out" ? userId : "oa",
      };
    });
    res.json({ error: 0, message: "Success", data });
  });
  return router;
}
