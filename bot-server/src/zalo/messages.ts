import { z } from "zod";

/**
 * What the product asks to send, independent of Zalo's wire format. Stored as JSON in the outbox,
 * so this schema is also the outbox's contract: a row that does not parse is never sent.
 */
export const buttonSchema = z.discriminatedUnion("type", [
  // A tap sends `payload` back as a user_send_text event; hidden from the chat (quiz answers, menus).
  z.object({ type: z.literal("query"), title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }),
  // Same, but the tapped text shows in the chat as if the person typed it.
  z.object({ type: z.literal("query-show"), title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }),
  z.object({ type: z.literal("url"), title: z.string().min(1).max(100), url: z.url() }),
  z.object({ type: z.literal("phone"), title: z.string().min(1).max(100), phone: z.string().regex(/^\+?\d{3,15}$/) }),
]);

export const outgoingMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    text: z.string().min(1),
    buttons: z.array(buttonSchema).max(4).optional(),
  }),
  z.object({
    type: z.literal("image"),
    url: z.url().optional(),
    attachmentId: z.string().optional(),
    caption: z.string().max(2000).optional(),
    buttons: z.array(buttonSchema).max(4).optional(),
  }),
]);

export type Button = z.infer<typeof buttonSchema>;
export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;

/**
 * Zalo's CS message body (POST /v3.0/oa/message/cs). Text + buttons follow the integrator docs (buttons
 * directly in the template payload); whether `template_type: "button"` is also wanted is unconfirmed.
 */
export function toZaloCsBody(userId: string, message: OutgoingMessage): Record<string, unknown> {
  const buttons = message.buttons?.map(toZaloButton);
  if (message.type === "text") {
    return {
      recipient: { user_id: userId },
      message: {
        text: message.text,
        ...(buttons?.length
          ? { attachment: { type: "template", payload: { buttons } } }
          : {}),
      },
    };
  }
  const element = message.attachmentId
    ? { media_type: "image", attachment_id: message.attachmentId }
    : { media_type: "image", url: message.url };
  return {
    recipient: { user_id: userId },
    message: {
      ...(message.caption ? { text: message.caption } : {}),
      attachment: {
        type: "template",
        payload: { template_type: "media", elements: [element], ...(buttons?.length ? { buttons } : {}) },
      },
    },
  };
}

function toZaloButton(b: Button): Record<string, unknown> {
  switch (b.type) {
    case "query":
      return { title: b.title, type: "oa.query.hide", payload: b.payload };
    case "query-show":
      return { title: b.title, type: "oa.query.show", payload: b.payload };
    case "url":
      return { title: b.title, type: "oa.open.url", payload: { url: b.url } };
    case "phone":
      return { title: b.title, type: "oa.open.phone", payload: { phone_code: b.phone } };
  }
}
