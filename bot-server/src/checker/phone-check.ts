import { resultOf, type CheckResult, type Finding } from "./findings.js";
import { COUNTRY_CODES, LANDLINE_LENGTH, MOBILE_LENGTH, MOBILE_PREFIXES, SERVICE_NUMBERS } from "./phone-plan.js";

/**
 * Structural checks of a phone number: only what the number itself shows (country, prefix, length,
 * 1800/1900). There is no list of "scam numbers": scammers change numbers every day and a number not
 * on a list would wrongly look clean.
 */
export type NumberReading =
  /** Vietnamese, written with its leading 0 (+84 and 84 forms are converted). */
  | { type: "vn"; national: string }
  | { type: "foreign"; digits: string; code: string | undefined; country: string | undefined }
  | { type: "hotline"; digits: string }
  | { type: "short"; digits: string }
  | { type: "other"; digits: string };

export function readNumber(raw: string): NumberReading {
  const digits = raw.replace(/\D/g, "");
  if (raw.trim().startsWith("+")) {
    if (digits.startsWith("84")) {
      // "+84 0912…" is a common way of writing; the 0 after 84 is dropped.
      const rest = digits.slice(2).replace(/^0/, "");
      return /^(1800|1900)/.test(rest) ? { type: "hotline", digits: rest } : { type: "vn", national: `0${rest}` };
    }
    const code = [3, 2, 1].map((n) => digits.slice(0, n)).find((c) => COUNTRY_CODES.has(c));
    return { type: "foreign", digits, code, country: code ? COUNTRY_CODES.get(code) : undefined };
  }
  if (/^(1800|1900)/.test(digits)) return { type: "hotline", digits };
  if (digits.startsWith("0")) return { type: "vn", national: digits };
  if (digits.startsWith("84") && (digits.length === MOBILE_LENGTH + 1 || digits.length === LANDLINE_LENGTH + 1)) {
    return { type: "vn", national: `0${digits.slice(2)}` };
  }
  return digits.length <= 6 ? { type: "short", digits } : { type: "other", digits };
}

/**
 * Whether a digit run inside a sentence is a phone number worth checking. Strict, so account numbers,
 * ID numbers and prices in a sentence are left alone; a number sent on its own is judged by
 * `worthReportingAlone` instead.
 */
export function isPhoneInSentence(r: NumberReading): boolean {
  switch (r.type) {
    case "vn":
      return r.national.length === MOBILE_LENGTH || (r.national.length === LANDLINE_LENGTH && r.national.startsWith("02"));
    case "foreign":
      return r.digits.length >= 8 && r.digits.length <= 15;
    case "hotline":
      return r.digits.length === 8 || r.digits.length === 10;
    default:
      return false;
  }
}

/** A number sent alone (or after "kiểm tra"): odd lengths and known short numbers are explained too. */
export function worthReportingAlone(r: NumberReading, explicit: boolean): boolean {
  switch (r.type) {
    case "vn":
      return r.national.length >= 8 && r.national.length <= 15;
    case "foreign":
      return r.digits.length >= 6;
    case "hotline":
      return true;
    case "short":
      return SERVICE_NUMBERS.has(r.digits) || (explicit && r.digits.length >= 3);
    case "other":
      return explicit && r.digits.length >= 7;
  }
}

const ACCOUNT_HINT = "Nếu đây là số tài khoản ngân hàng, bạn có thể tra tại tinnhiemmang.vn/tra-cuu-tai-khoan trước khi chuyển tiền.";

export function checkPhone(raw: string, r: NumberReading): CheckResult {
  return resultOf({ kind: "phone", input: raw.trim(), display: displayNumber(r), findings: phoneFindings(r) });
}

function phoneFindings(r: NumberReading): Finding[] {
  switch (r.type) {
    case "vn":
      return vietnameseNumber(r.national);
    case "foreign": {
      const where = r.country ? `mã +${r.code}, ${r.country}` : "không phải mã +84 của Việt Nam";
      const text =
        `Đây là số nước ngoài (${where}). Nếu người gọi xưng là công an, ngân hàng hay người quen ở Việt Nam ` +
        "mà lại dùng số nước ngoài thì rất đáng ngờ. Gọi lại số nước ngoài có thể mất cước quốc tế.";
      const out: Finding[] = [{ code: "foreign_number", severity: "warning", text }];
      if (r.digits.length > 15) out.push({ code: "wrong_length", severity: "warning", text: "Số này dài hơn mọi số điện thoại quốc tế (tối đa 15 chữ số)." });
      return out;
    }
    case "hotline":
      return hotline(r.digits);
    case "short": {
      const known = SERVICE_NUMBERS.get(r.digits);
      if (known) return [{ code: "service_number", severity: "official", text: known }];
      const text = "Đây là một đầu số ngắn của dịch vụ. Nhắn tin hay gọi tới đầu số dịch vụ có thể bị trừ tiền, chỉ dùng khi biết rõ đó là dịch vụ gì.";
      return [{ code: "short_code", severity: "info", text }];
    }
    case "other":
      return [{ code: "not_a_phone_number", severity: "info", text: `Dãy số này không giống số điện thoại Việt Nam. ${ACCOUNT_HINT}` }];
  }
}

function vietnameseNumber(n: string): Finding[] {
  const len = n.length;
  if (len === MOBILE_LENGTH && MOBILE_PREFIXES.has(n.slice(0, 3))) {
    return [{ code: "vn_mobile", severity: "info", text: "Đây là số di động Việt Nam, đúng định dạng 10 chữ số. Chỉ nhìn số thì không biết ai đang dùng nó." }];
  }
  if (len === LANDLINE_LENGTH && n.startsWith("02")) {
    return [{ code: "vn_landline", severity: "info", text: "Đây là số máy bàn (cố định) ở Việt Nam, đúng định dạng." }];
  }
  if (len === MOBILE_LENGTH && !n.startsWith("02")) {
    const text = `Đầu số ${n.slice(0, 3)} không phải đầu số di động Việt Nam đang dùng. Số này có thể bị viết sai hoặc bị làm giả.`;
    return [{ code: "unknown_mobile_prefix", severity: "warning", text }];
  }
  const shape = `Số này có ${len} chữ số. Số di động Việt Nam có 10 chữ số, số máy bàn có 11 (kể cả số 0 ở đầu).`;
  if (len >= 12) return [{ code: "wrong_length", severity: "info", text: `${shape} ${ACCOUNT_HINT}` }];
  return [{ code: "wrong_length", severity: "warning", text: `${shape} Số gọi đến mà thừa hay thiếu chữ số là dấu hiệu lạ.` }];
}

function hotline(digits: string): Finding[] {
  const out: Finding[] = [];
  const known = SERVICE_NUMBERS.get(digits);
  if (known) out.push({ code: "service_number", severity: "official", text: known });
  if (digits.startsWith("1800")) {
    out.push({ code: "toll_free_1800", severity: "info", text: "Đầu số 1800 là số tổng đài, người gọi thường không mất tiền." });
  } else {
    const text = "Đầu số 1900 là tổng đài tính cước: người gọi trả tiền, thường đắt hơn gọi thường. Chỉ gọi số tổng đài lấy từ mặt sau thẻ ngân hàng, từ ứng dụng hay trang chính thức.";
    out.push({ code: "premium_1900", severity: "info", text });
  }
  if (digits.length !== 8 && digits.length !== 10) {
    out.push({ code: "wrong_length", severity: "warning", text: `Số tổng đài ${digits.slice(0, 4)} có 8 hoặc 10 chữ số, số này có ${digits.length}.` });
  }
  return out;
}

/** "0912 345 678", "024 3822 1234", "1900 1234", "+855 …". */
function displayNumber(r: NumberReading): string {
  switch (r.type) {
    case "vn": {
      const n = r.national;
      if (n.length === MOBILE_LENGTH) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
      if (n.length === LANDLINE_LENGTH) return /^02[48]/.test(n) ? `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}` : `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
      return n;
    }
    case "foreign":
      return r.code ? `+${r.code} ${r.digits.slice(r.code.length)}` : `+${r.digits}`;
    case "hotline":
      return `${r.digits.slice(0, 4)} ${r.digits.slice(4)}`;
    default:
      return r.digits;
  }
}
