import { describe, expect, it } from "vitest";
import { dedupeKey, normalizeEvent, webhookEventSchema } from "../src/zalo/events.js";

const OA = "2718281828459045235";
const USER = "7123456789012345678";
const parse = (body: unknown) => normalizeEvent(webhookEventSchema.parse(body));

describe("normalising Zalo webhook events", () => {
  it("takes the person from sender for what a person does", () => {
    const e = parse({ event_name: "user_send_text", timestamp: "1", sender: { id: USER }, recipient: { id: OA }, message: { text: "e\u0301", msg_id: "m1" } });
    expect(e).toMatchObject({ userId: USER, oaId: OA, msgId: "m1", text: "é" });
  });

  it("takes the person from recipient for receipts and OA echoes (sender is the OA)", () => {
    for (const name of ["user_received_message", "user_seen_message", "oa_send_text", "oa_send_template", "oa_send_image"]) {
      const e = parse({ event_name: name, timestamp: "2", sender: { id: OA }, recipient: { id: USER }, message: { msg_id: "m2" } });
      expect(e.userId, name).toBe(USER);
      expect(e.oaId, name).toBe(OA);
    }
  });

  it("takes the person from follower for follow and unfollow, with the QR source", () => {
    const e = parse({ event_name: "follow", timestamp: "3", oa_id: OA, follower: { id: USER }, source: "qr_buu_dien_01", user_id_by_app: "55" });
    expect(e).toMatchObject({ userId: USER, oaId: OA, source: "qr_buu_dien_01", appUserId: "55" });
  });

  it("joins the msg_ids of a read receipt that covers several messages", () => {
    const e = parse({ event_name: "user_seen_message", timestamp: "4", sender: { id: OA }, recipient: { id: USER }, message: { msg_ids: ["a", "b"] } });
    expect(e.msgId).toBe("a,b");
  });

  it("dedupes by msg_id scoped by event name, else by person and timestamp, else by body", () => {
    const echo = parse({ event_name: "oa_send_text", timestamp: "5", sender: { id: OA }, recipient: { id: USER }, message: { msg_id: "x" } });
    const receipt = parse({ event_name: "user_received_message", timestamp: "6", sender: { id: OA }, recipient: { id: USER }, message: { msg_id: "x" } });
    expect(dedupeKey(echo, "{}")).not.toBe(dedupeKey(receipt, "{}"));
    const follow = parse({ event_name: "follow", timestamp: "7", follower: { id: USER } });
    expect(dedupeKey(follow, "{}")).toBe(`follow:${USER}:7`);
    const bare = parse({ event_name: "mystery" });
    expect(dedupeKey(bare, '{"event_name":"mystery"}')).not.toBe(dedupeKey(bare, '{"event_name":"mystery","n":2}'));
  });

  it("keeps numeric ids as exact strings and tolerates unknown fields", () => {
    const e = webhookEventSchema.parse({ event_name: "user_send_sticker", sender: { id: 42 }, extra: { a: 1 }, message: { attachments: [{ type: "sticker", payload: { id: "s" } }] } });
    expect(normalizeEvent(e).userId).toBe("42");
  });
});
