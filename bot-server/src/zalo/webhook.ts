import express, { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import { normalizeEvent, webhookEventSchema, type ZaloEvent } from "./events.js";
import { parseJsonKeepingBigInts } from "./json.js";
import { verifyWebhookSignature } from "./signature.js";
import type { SignatureWatch } from "./signature-watch.js";

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
  /** Counts bad signatures; repeated ones raise an operator alert (a wrong OA Secret Key). */
  signatureWatch?: SignatureWatch;
}

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * POST /webhooks/zalo: verify, store, answer 200 at once. Processing happens later from the inbox, so
 * a slow handler never makes Zalo retry (or disable the webhook).
 */
export function webhookRouter(o: WebhookOptions): Router {
  const router = Router();
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
      if (o.oaSecretKey) {
        if (!verifyWebhookSignature(header, o.appId ?? bodyAppId, raw, timestamp, o.oaSecretKey)) {
          if (o.signatureWatch) o.signatureWatch.rejected({ signed: Boolean(header), forOurApp: !o.appId || bodyAppId === o.appId });
          else o.log.warn({ hasSignature: Boolean(header) }, "webhook: bad or missing signature");
          res.status(401).json({ error: "unauthorized", message: "Missing or invalid X-ZEvent-Signature." });
          return;
        }
        o.signatureWatch?.good();
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
