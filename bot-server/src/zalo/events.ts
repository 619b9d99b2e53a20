import { createHash } from "node:crypto";
import { z } from "zod";

const id = z.union([z.string(), z.number()]).transform(String);
const party = z.object({ id: id.optional() }).loose();

/**
 * The envelope every Zalo webhook event shares. Unknown fields are kept (Zalo adds fields; unknown
 * event names are stored and ignored), but what we read is typed.
 */
export const webhookEventSchema = z
  .object({
    event_name: z.string().min(1).max(100),
    app_id: id.optional(),
    oa_id: id.optional(),
    timestamp: id.optional(),
    user_id_by_app: id.optional(),
    sender: party.optional(),
    recipient: party.optional(),
    follower: party.optional(),
    user_id: id.optional(),
    source: z.string().optional(),
    message: z
      .object({
        msg_id: id.optional(),
        msg_ids: z.array(id).optional(),
        text: z.string().optional(),
        attachments: z.array(z.object({ type: z.string().optional(), payload: z.unknown().optional() }).loose()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type WebhookEventBody = z.infer<typeof webhookEventSchema>;

/** The event as the rest of the product sees it: who it is about, whatever Zalo called the fields. */
export interface ZaloEvent {
  name: string;
  /** The person (OA-scoped user id): sender for user→OA events, recipient for events about OA messages. */
  userId: string | undefined;
  oaId: string | undefined;
  /** user_id_by_app: the same person as the Mini App sees them. */
  appUserId: string | undefined;
  timestamp: string | undefined;
  msgId: string | undefined;
  text: string | undefined;
  /** Where a follow came from (QR codes carry a source), when Zalo says. */
  source: string | undefined;
  body: WebhookEventBody;
}

/** What the inbox needs of an event to store it once: the rest it reads again from the raw body. */
export type EventKey = Pick<ZaloEvent, "name" | "userId" | "timestamp" | "msgId">;

/** Events about messages the OA sent: Zalo puts the OA in `sender` and the person in `recipient`. */
const OA_SIDE_EVENTS = /^(user_received_message|user_seen_message|oa_send_.+|oa_reacted_message)$/;

export function normalizeEvent(body: WebhookEventBody): ZaloEvent {
  const name = body.event_name;
  const oaSide = OA_SIDE_EVENTS.test(name);
  const userId =
    name === "follow" || name === "unfollow"
      ? (body.follower?.id ?? body.sender?.id ?? body.user_id)
      : oaSide
        ? (body.recipient?.id ?? body.user_id)
        : (body.sender?.id ?? body.follower?.id ?? body.user_id);
  const oaId = body.oa_id ?? (oaSide ? body.sender?.id : body.recipient?.id);
  const msgId = body.message?.msg_id ?? (body.message?.msg_ids?.length ? body.message.msg_ids.join(",") : undefined);
  return {
    name,
    userId,
    oaId,
    appUserId: body.user_id_by_app,
    timestamp: body.timestamp,
    msgId,
    text: body.message?.text?.normalize("NFC"),
    source: body.source,
    body,
  };
}

/**
 * Zalo retries deliveries it thinks failed. A message is the same message by its msg_id (scoped by event
 * name: an OA message's echo and its delivery receipt share one msg_id); anything else by name, person
 * and timestamp; an event with neither msg_id nor timestamp by its exact body.
 */
export function dedupeKey(e: EventKey, rawBody: string): string {
  if (e.msgId) return `${e.name}:msg:${e.msgId}`;
  if (e.timestamp) return `${e.name}:${e.userId ?? "-"}:${e.timestamp}`;
  return `${e.name}:body:${createHash("sha256").update(rawBody).digest("hex")}`;
}
