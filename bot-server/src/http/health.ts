import { Router } from "express";
import type { Store } from "../db/store.js";
import type { OperatorAlerts } from "../ops/alerts.js";

/**
 * GET /healthz: ok while the database answers, the queues' sizes, and the operator alerts that stand
 * (kind, since, a plain message; never a secret or anything about a person).
 */
export function healthRouter(store: Store, mode: "simulator" | "zalo", alerts: OperatorAlerts): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    try {
      const inbox = await store.value<number>(`SELECT COUNT(*) FROM inbox WHERE status = 'pending'`);
      const outbox = await store.value<number>(`SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')`);
      res.json({ ok: true, mode, pending: { inbox, outbox }, alerts: await alerts.list() });
    } catch (err) {
      res.status(503).json({ ok: false, message: `database unavailable: ${(err as Error).message}` });
    }
  });
  return router;
}
