import { Router } from "express";
import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";
import type { OperatorAlerts } from "../ops/alerts.js";

/**
 * GET /healthz: ok while the database answers, the queues' sizes, and the operator alerts that stand
 * (kind, since, a plain message; never a secret or anything about a person).
 */
export function healthRouter(db: Db, mode: "simulator" | "zalo", alerts: OperatorAlerts): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    try {
      const inbox = sql(db, `SELECT COUNT(*) FROM inbox WHERE status = 'pending'`).pluck().get() as number;
      const outbox = sql(db, `SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')`).pluck().get() as number;
      res.json({ ok: true, mode, pending: { inbox, outbox }, alerts: alerts.list() });
    } catch (err) {
      res.status(503).json({ ok: false, message: `database unavailable: ${(err as Error).message}` });
    }
  });
  return router;
}
