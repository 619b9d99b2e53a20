import type { CheckResult, Verdict } from "./findings.js";

/**
 * The chat answer to a check: what was seen, a plain verdict, what to do. Every fact in the advice is
 * marked ✅ in content-facts.md (5656/156 syntax, TT 50/2024 on bank links, OTP, APK, .gov.vn, 113).
 */

/** Zalo's text limit (zalo-platform.md). */
export const MAX_REPLY_CHARS = 2_000;
/** Items answered in one reply; more would drown the important one. */
export const MAX_ITEMS = 3;

const HEADLINE: Record<Verdict, string> = {
  likely_scam: "⛔ Rất có thể là lừa đảo.",
  suspicious: "⚠️ Có dấu hiệu đáng ngờ, bạn nên cẩn thận.",
  no_warning_signs: "ℹ️ Tôi chưa thấy dấu hiệu lừa đảo, nhưng như vậy chưa chắc là không có.",
  official: "✅ Địa chỉ chính thức mà tôi biết.",
};
const PHONE_OFFICIAL = "✅ Đây là số tổng đài đã được công bố.";

const FOOTER = "Đây là kiểm tra tự động theo dấu hiệu, không thể chắc chắn 100%. Khi còn lo, hãy hỏi người thân trước khi làm theo.";

export function formatCheckReply(all: readonly CheckResult[]): string {
  const shown = all.slice(0, MAX_ITEMS);
  const intro =
    all.length > MAX_ITEMS
      ? `🔍 Tin của bạn có ${describeWhat(all, true)}. Tôi nói về ${MAX_ITEMS} cái đáng lo nhất:`
      : `🔍 Tôi đã xem ${describeWhat(shown, false)} bạn gửi:`;
  const advice = [adviceFor(shown, true), adviceFor(shown, false)];
  // Longest form first; shorten (the backup step, fewer reasons, then less advice) until it fits in one Zalo message.
  for (const [reasons, tips] of [[3, Infinity], [2, Infinity], [1, Infinity], [1, 4], [1, 2]] as const) {
    for (const tipsShown of advice) {
      const text = [intro, ...shown.map((r) => item(r, reasons)), ...tipsBlock(tipsShown.slice(0, tips)), FOOTER].join("\n\n");
      if (text.length <= MAX_REPLY_CHARS) return text;
    }
  }
  return [intro, ...shown.map((r) => item(r, 1)), FOOTER].join("\n\n").slice(0, MAX_REPLY_CHARS);
}

/** "đường link", "2 đường link và số điện thoại"; with `count`, "1 đường link" too. */
function describeWhat(results: readonly CheckResult[], count: boolean): string {
  const links = results.filter((r) => r.kind === "url").length;
  const phones = results.filter((r) => r.kind === "phone");
  const noun = phones.every((r) => has(r, "not_a_phone_number") || isLongDigitString(r)) ? "dãy số" : "số điện thoại";
  const part = (n: number, what: string) => (n === 0 ? "" : n === 1 && !count ? what : `${n} ${what}`);
  return [part(links, "đường link"), part(phones.length, noun)].filter(Boolean).join(" và ");
}

function item(r: CheckResult, reasons: number): string {
  const headline = r.kind === "phone" && r.verdict === "official" ? PHONE_OFFICIAL : HEADLINE[r.verdict];
  const lines = r.findings.slice(0, reasons).map((f) => `• ${f.text}`);
  return [`${r.kind === "url" ? "🔗" : "📞"} ${r.display}`, headline, ...lines].join("\n");
}

function tipsBlock(tips: readonly string[]): string[] {
  return tips.length ? [["👉 Bạn nên:", ...tips.map((t) => `• ${t}`)].join("\n")] : [];
}

/** Numbers that can call or text someone, so 156/5656 reports and nTrust look-ups apply. */
const CALLER_CODES = new Set(["vn_mobile", "vn_landline", "unknown_mobile_prefix", "foreign_number"]);
const canCall = (r: CheckResult) => r.findings.some((f) => CALLER_CODES.has(f.code) || (f.code === "wrong_length" && f.severity === "warning"));
/** 12+ digits: an account or ID number rather than a phone. */
const isLongDigitString = (r: CheckResult) => r.findings.some((f) => f.code === "wrong_length" && f.severity === "info");

const risky = (r: CheckResult) => r.verdict === "likely_scam" || r.verdict === "suspicious";
const has = (r: CheckResult, code: string) => r.findings.some((f) => f.code === code);

/**
 * "I installed a strange app": the shared safety text (the same steps in this order everywhere: network
 * off, the bank, uninstalling is not enough, the police), shortened to one line; `backup` adds asking the
 * shop to copy photos and contacts before the factory reset, when the reply has room for it.
 */
export function strangeAppAdvice(backup: boolean): string {
  const reset = backup
    ? "mang máy đến cửa hàng tin cậy để khôi phục cài đặt gốc (nhờ cửa hàng chép lại ảnh, danh bạ trước khi khôi phục cài đặt gốc)"
    : "mang máy đến cửa hàng tin cậy để khôi phục cài đặt gốc";
  return (
    "Lỡ cài ứng dụng lạ rồi: tắt ngay Wi-Fi và dữ liệu di động (hoặc bật chế độ máy bay), rồi gọi ngay ngân hàng theo số in trên thẻ " +
    "ngân hàng (dùng một điện thoại khác nếu có) để khóa tài khoản. " +
    `Gỡ ứng dụng là chưa đủ: ${reset}, rồi đổi mật khẩu ngân hàng, Zalo và VNeID trên một máy an toàn. ` +
    "Sau đó báo công an xã, phường nơi gần nhất."
  );
}

/** Advice for what is shown, most urgent first, each line once; `roomy` gives the longer safety steps. */
export function adviceFor(results: readonly CheckResult[], roomy = false): string[] {
  const urls = results.filter((r) => r.kind === "url");
  const phones = results.filter((r) => r.kind === "phone" && r.verdict !== "official");
  const callers = phones.filter(canCall);
  const tips: string[] = [];

  if (urls.some(risky)) tips.push("Không bấm vào link, không nhập mật khẩu, mã OTP hay số thẻ vào trang đó.");
  if (urls.some((r) => has(r, "app_package"))) {
    tips.push(strangeAppAdvice(roomy));
  }
  if (urls.some((r) => r.brand?.kind === "bank")) {
    tips.push("Từ 1/1/2025 ngân hàng không gửi tin nhắn hay email có đường link cho khách. Tin “ngân hàng” kèm link là dấu hiệu lừa đảo.");
  }
  if (urls.some((r) => risky(r) && (r.brand?.kind === "government" || has(r, "government_word_outside_gov_vn")))) {
    tips.push("Làm thủ tục thì tự gõ dichvucong.gov.vn. VNeID chỉ tải từ CH Play hoặc App Store.");
  }
  if (urls.some((r) => r.verdict === "official")) {
    tips.push("Tốt nhất vẫn tự gõ địa chỉ hoặc mở ứng dụng chính thức, thay vì bấm link trong tin nhắn.");
    for (const note of new Set(urls.flatMap((r) => (r.verdict === "official" && r.brand?.note ? [r.brand.note] : [])))) tips.push(note);
  }
  if (urls.length) tips.push("Tra thêm tại tinnhiemmang.vn hoặc chongluadao.vn.");
  if (urls.some(risky)) tips.push("Nếu link đến qua tin nhắn SMS: soạn S [số gửi] [nội dung] gửi 5656 (miễn phí).");

  if (phones.some((r) => !has(r, "not_a_phone_number") && !isLongDigitString(r))) {
    tips.push("Không đọc mã OTP cho ai, kể cả người xưng là ngân hàng hay công an. Công an không làm việc qua điện thoại.");
  }
  if (callers.length) {
    const n = callers[0]!.display.replace(/\s/g, "");
    tips.push(`Cuộc gọi lừa đảo: soạn LD ${n} [nội dung] gửi 156 (miễn phí). Cuộc gọi rác: V ${n} [nội dung], tin nhắn rác: S ${n} [nội dung], gửi 5656.`);
    tips.push("Có thể tra số điện thoại trên ứng dụng nTrust.");
  }
  if (results.some((r) => r.verdict === "likely_scam")) {
    tips.push("Lỡ chuyển tiền rồi thì gọi ngay tổng đài ngân hàng (số in trên thẻ) và báo công an (113).");
  }
  return tips;
}
