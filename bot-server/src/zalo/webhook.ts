import express, { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import { normalizeEvent, webhookEventSchema, type ZaloEvent } from "./events.js";
import { parseJsonKeepingBigInts } from "./json.js";
import { verifyWebhookSignature } from "./signature.js";
import { SignatureWatch } from "./signature-watch.js";
import type { Clock } from "../clock.js";
import type { OperatorAlerts } from "../ops/alerts.js";

export interface WebhookOptions {
  /** Stores the event durably; resolves with its inbox id, or null when it is a redelivery. */
  store: (event: ZaloEvent, raw: string) => Promise<number | null>;
  log: Logger;
  /** App id used in the signature; when unset, the body's own app_id is used. */
  appId: string | undefined;
  /** OA Secret Key: when set, every event must carry a valid X-ZEvent-Signature. */
  oaSecretKey: string | undefined;
  /** Simulator mode: events signed with this key are verified even though no secret is configured. */
  simulatorKey?: { appId: string; key: string };
  /**
   * Where the router's SignatureWatch (made when oaSecretKey is set) raises its alert: bad signatures
   * are counted, and repeated ones raise an operator alert (a wrong OA Secret Key).
   */
  alerts: OperatorAlerts;
  clock: Clock;
}

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * POST /webhooks/zalo: verify, store, answer 200 at once. Processing happens later from the inbox, so
 * a slow handler never makes Zalo retry (or disable the webhook).
 */
export function webhookRouter(o: WebhookOptions): Router {
  const router = Router();
  // Made with the router, as before its first request: it reads an alert left by an earlier run.
  const verified = o.oaSecretKey ? { key: o.oaSecretKey, watch: new SignatureWatch(o.alerts, o.clock, o.log) } : undefined;
  router.post(
    "/webhooks/zalo",
    // Raw bytes: the signature is over the exact body; any content type, since Zalo's is not guaranteed.
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      let json: unknown;
      try {
        json = parseJsonKeepingBigInts(raw);
      } catch {
        res.status(400).json({ error: "bad_request", message: "Body is not JSON." });
        return;
      }
      const timestamp = isObject(json) && json.timestamp !== undefined ? String(json.timestamp) : "";
      const bodyAppId = isObject(json) && json.app_id !== undefined ? String(json.app_id) : "";
      const header = req.get("x-zevent-signature");
      if (verified) {
        if (!verifyWebhookSignature(header, o.appId ?? bodyAppId, raw, timestamp, verified.key)) {
          verified.watch.rejected({ signed: Boolean(header), forOurApp: !o.appId || bodyAppId === o.appId });
          res.status(401).json({ error: "unauthorized", message: "Missing or invalid X-ZEvent-Signature." });
          return;
        }
        verified.watch.good();
      } else if (header && o.simulatorKey) {
        if (!verifyWebhookSignature(header, o.simulatorKey.appId, raw, timestamp, o.simulatorKey.key)) {
          res.status(401).json({ error: "unauthorized", message: "Invalid X-ZEvent-Signature." });
          return;
        }
      }
      const parsed = webhookEventSchema.safeParse(json);
      if (!parsed.success) {
        res.status(400).json({ error: "bad_request", message: "Body is not a Zalo event (needs event_name)." });
        return;
      }
      const event = normalizeEvent(parsed.data);
      o.store(event, raw).then(
        (id) => res.status(200).json({ ok: true, duplicate: id === null }),
        (err: unknown) => {
          // Not stored: tell Zalo to retry rather than pretend we have it.
          o.log.error({ err }, "webhook: could not store event");
          res.status(503).json({ error: "unavailable", message: "Could not store the event; please retry." });
        },
      );
    },
  );
  return router;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
