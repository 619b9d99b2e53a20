import { describe, expect, it } from "vitest";
import { parseJsonKeepingBigInts } from "../src/zalo/json.js";
import { signWebhook, verifyWebhookSignature } from "../src/zalo/signature.js";
import { splitText } from "../src/zalo/split-text.js";
import { classifyZaloError } from "../src/zalo/errors.js";
import { toZaloCsBody } from "../src/zalo/messages.js";
import { RateLimiter } from "../src/pipeline/rate-limit.js";
import { backoff } from "../src/pipeline/dispatcher.js";

describe("webhook signature", () => {
  it("is sha256 over app id + raw body + timestamp + OA secret key, prefixed mac=", () => {
    // Vectors computed independently with coreutils: printf '1{}2k' | sha256sum, and the UTF-8 one likewise.
    expect(signWebhook("1", "{}", "2", "k")).toBe("mac=de8e4e4cd3996baf4a4549475ad3ebf35118b2bcef3fbe9dc44903244f01e17e");
    expect(signWebhook("3141", '{"event_name":"follow","text":"Chào 👋"}', "1699003881354", "sécret")).toBe("mac=7ecdce8f1615133304ca5791e7df8bdfa939ae1fefd1f8c153a84c7034ccf2ab");
    expect(verifyWebhookSignature("mac=de8e4e4cd3996baf4a4549475ad3ebf35118b2bcef3fbe9dc44903244f01e17e", "1", "{}", "2", "k")).toBe(true);
    expect(verifyWebhookSignature("MAC=DE8E4E4CD3996BAF4A4549475AD3EBF35118B2BCEF3FBE9DC44903244F01E17E", "1", "{}", "2", "k")).toBe(true);
    expect(verifyWebhookSignature("de8e4e4cd3996baf4a4549475ad3ebf35118b2bcef3fbe9dc44903244f01e17e", "1", "{}", "2", "k")).toBe(true);
  });
  it("rejects wrong length, wrong key, wrong timestamp and garbage", () => {
    const sig = signWebhook("1", "{}", "2", "k");
    expect(verifyWebhookSignature(sig.slice(0, -1), "1", "{}", "2", "k")).toBe(false);
    expect(verifyWebhookSignature(sig, "1", "{}", "2", "other")).toBe(false);
    expect(verifyWebhookSignature(sig, "1", "{}", "3", "k")).toBe(false);
    expect(verifyWebhookSignature("mac=zz", "1", "{}", "2", "k")).toBe(false);
    expect(verifyWebhookSignature(undefined, "1", "{}", "2", "k")).toBe(false);
  });
});

describe("JSON with big integer ids", () => {
  it("keeps integers over 15 digits exact as strings and leaves others alone", () => {
    const v = parseJsonKeepingBigInts('{"a":1234567890123456789,"b":42,"c":"9007199254740993","d":[-12345678901234567890],"e":1.5e3,"f":"x\\"1234567890123456789"}') as Record<string, unknown>;
    expect(v).toEqual({ a: "1234567890123456789", b: 42, c: "9007199254740993", d: ["-12345678901234567890"], e: 1500, f: 'x"1234567890123456789' });
  });
  it("still rejects broken JSON", () => {
    expect(() => parseJsonKeepingBigInts('{"a":')).toThrow();
  });
});

describe("splitting long texts", () => {
  it("returns a short text unchanged (NFC) and nothing for blank text", () => {
    expect(splitText("Chào bà")).toEqual(["Chào bà"]);
    expect(splitText("e\u0301")).toEqual(["é"]);
    expect(splitText("   ")).toEqual([]);
  });
  it("prefers paragraph breaks, then sentence ends", () => {
    const para = "A".repeat(1200) + ".\n\n" + "B".repeat(1200) + ".";
    expect(splitText(para)).toEqual(["A".repeat(1200) + ".", "B".repeat(1200) + "."]);
    const sentences = ("Câu một rất dài. ".repeat(100) + "Câu cuối.").trim();
    for (const part of splitText(sentences, 500)) {
      expect(part.length).toBeLessThanOrEqual(500);
      expect(part).toMatch(/\.$/);
    }
  });
  it("never splits an emoji's surrogate pair on a hard cut", () => {
    const parts = splitText("😀".repeat(1500), 2000);
    expect(parts.join("")).toBe("😀".repeat(1500));
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});

describe("Zalo error codes", () => {
  it("sorts codes into token, unreachable, retryable and permanent", () => {
    expect(classifyZaloError(-216, "").kind).toBe("token");
    expect(classifyZaloError(-220, "").kind).toBe("token");
    for (const c of [-213, -217, -227, -230, -232, -234, -244]) expect(classifyZaloError(c, "").kind).toBe("unreachable");
    expect(classifyZaloError(-32, "").kind).toBe("retryable");
    expect(classifyZaloError(-100, "").kind).toBe("retryable");
    expect(classifyZaloError(-201, "").kind).toBe("permanent");
  });
});

describe("outgoing message format", () => {
  it("maps buttons to Zalo's types", () => {
    const body = toZaloCsBody("42", {
      type: "text",
      text: "Chọn",
      buttons: [
        { type: "query", title: "A", payload: "#a" },
        { type: "query-show", title: "B", payload: "b" },
        { type: "url", title: "Mở", url: "https://zalo.me/s/1/lesson/1" },
        { type: "phone", title: "Gọi", phone: "84123456789" },
      ],
    }) as { recipient: unknown; message: { attachment: { payload: { buttons: { type: string }[] } } } };
    expect(body.recipient).toEqual({ user_id: "42" });
    expect(body.message.attachment.payload.buttons.map((b) => b.type)).toEqual(["oa.query.hide", "oa.query.show", "oa.open.url", "oa.open.phone"]);
  });
});

describe("rate limit and backoff", () => {
  it("lets through one second's worth, then paces at the configured rate", () => {
    let t = 0;
    const limiter = new RateLimiter(120, () => t); // 2 per second
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, false]);
    expect(limiter.waitMs()).toBe(500);
    t += 500;
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(false);
  });
  it("backs off exponentially with jitter, capped", () => {
    for (let i = 0; i < 50; i++) {
      const d = backoff(3, 100, 10_000);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
      expect(backoff(30, 100, 10_000)).toBeLessThanOrEqual(10_000);
    }
  });
});
