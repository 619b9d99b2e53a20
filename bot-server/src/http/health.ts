import { Router } from "express";
import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";

export function healthRouter(db: Db, mode: "simulator" | "zalo"): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    try {
      const inbox = sql(db, `SELECT COUNT(*) FROM inbox WHERE status = 'pending'`).pluck().get() as number;
      const outbox = sql(db, `SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')`).pluck().get() as number;
      res.json({ ok: true, mode, pending: { inbox, outbox } });
    } catch (err) {
      res.status(503).json({ ok: false, message: `database unavailable: ${(err as Error).message}` });
    }
  });
  return router;
}
