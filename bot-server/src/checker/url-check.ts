import { domainToUnicode } from "node:url";
import type { UrlCandidate } from "./extract.js";
import { resultOf, type CheckResult, type Finding } from "./findings.js";
import { BRANDS, type Brand } from "./official-domains.js";
import { editDistance, letterReadings, mixesScripts, skeleton } from "./similarity.js";
import {
  APP_PACKAGE,
  GOVERNMENT_WORDS,
  RISKY_TLDS,
  SCAM_WORDS_ANYWHERE,
  SCAM_WORDS_WHOLE,
  SHORTENERS,
  TWO_LABEL_SUFFIXES,
} from "./url-lists.js";

/** Keywords shorter than this match only a whole word of the host ("acb-hotro", not "acbuild"). */
const WHOLE_WORD_BELOW = 5;
/** Affixes a short keyword may carry and still count as that word ("momovn", "vcbonline"). */
const SHORT_AFFIXES = ["vn", "app", "pay", "online", "bank", "my", "e"];
/** Host length and depth beyond which an address is unusual for a real organisation. */
const LONG_HOST = { chars: 45, labels: 4 };

interface HostParts {
  ascii: string;
  unicode: string;
  /** The labels the owner chose (everything before the public suffix), www removed. */
  ownLabels: string[];
  /** "abc.com.vn" for "x.y.abc.com.vn": who owns the host. */
  registrable: string;
  suffix: string;
}

/** Findings and verdict for one link. Pure: no network, no clock. */
export function checkUrl(c: UrlCandidate): CheckResult {
  const host = hostParts(c.host);
  const findings: Finding[] = [];
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host.ascii) || host.ascii.startsWith("[");
  const official = isIp ? undefined : brandOwning(host.ascii);
  const govVn = host.ascii === "gov.vn" || host.ascii.endsWith(".gov.vn");
  let brand: CheckResult["brand"];

  if (official) {
    brand = { name: official.name, kind: official.kind, officialDomain: official.domains[0]!, note: official.note };
    findings.push({ code: "official_domain", severity: "official", text: `Đây là trang của ${official.name}.` });
  } else if (govVn) {
    findings.push({ code: "government_domain", severity: "official", text: "Địa chỉ có đuôi .gov.vn: đây là đuôi dành cho trang của cơ quan nhà nước." });
  } else if (isIp) {
    findings.push({ code: "raw_ip_host", severity: "danger", text: `Địa chỉ chỉ là một dãy số (${host.ascii}) chứ không có tên. Trang của ngân hàng, cơ quan thật không dùng địa chỉ như vậy.` });
  } else {
    const imitated = imitation(host);
    if (imitated) {
      brand = { name: imitated.brand.name, kind: imitated.brand.kind, officialDomain: imitated.brand.domains[0]! };
      findings.push(imitated.finding);
    }
    findings.push(...governmentWord(host, imitated?.keyword));
    findings.push(...scamWords(host, Boolean(imitated)));
    if (!imitated) findings.push(...brandInPath(c.path, host));
    findings.push(...scriptTricks(host, Boolean(imitated)));
  }

  findings.push(...addressShape(c, host, Boolean(official || govVn)));
  if (!findings.length) {
    findings.push({ code: "unknown_domain", severity: "info", text: `Tôi không biết trang “${host.unicode}”, và không thấy dấu hiệu lạ trong địa chỉ.` });
  }
  return resultOf({ kind: "url", input: c.raw, display: host.unicode, findings, brand });
}

function hostParts(rawHost: string): HostParts {
  let ascii = rawHost.toLowerCase();
  try {
    ascii = new URL(`http://${rawHost}`).hostname;
  } catch {
    // An invalid name (bad punycode, over-long label) is still analysed as written.
  }
  const unicode = (ascii.includes("xn--") && domainToUnicode(ascii)) || ascii;
  const labels = ascii.split(".");
  const lastTwo = labels.slice(-2).join(".");
  const suffix = TWO_LABEL_SUFFIXES.has(lastTwo) && labels.length > 2 ? lastTwo : labels.at(-1)!;
  const own = labels.slice(0, labels.length - suffix.split(".").length);
  const ownLabels = own[0] === "www" ? own.slice(1) : own;
  return { ascii, unicode, ownLabels, registrable: [own.at(-1), suffix].filter(Boolean).join("."), suffix };
}

function brandOwning(ascii: string): Brand | undefined {
  return BRANDS.find((b) => b.domains.some((d) => ascii === d || ascii.endsWith(`.${d}`)));
}

/** Each owner-chosen label with hyphens removed, and the hyphen-separated words. */
function words(host: HostParts): { squashed: string[]; tokens: string[] } {
  return {
    squashed: host.ownLabels.map((l) => l.replace(/-/g, "")),
    tokens: host.ownLabels.flatMap((l) => l.split("-")).filter(Boolean),
  };
}

function matchesShortWord(token: string, keyword: string): boolean {
  if (token === keyword) return true;
  return SHORT_AFFIXES.some((a) => token === keyword + a || token === a + keyword);
}

function containsKeyword(keyword: string, squashed: string[], tokens: string[]): boolean {
  return keyword.length < WHOLE_WORD_BELOW ? tokens.some((t) => matchesShortWord(t, keyword)) : squashed.some((l) => l.includes(keyword));
}

/** Smallest edit distance between the keyword and any same-length-ish window of the label. */
function nearestWindow(label: string, keyword: string, max: number): number {
  let best = max + 1;
  for (let len = keyword.length - max; len <= keyword.length + max; len++) {
    for (let i = 0; i + len <= label.length && len > 0; i++) {
      best = Math.min(best, editDistance(label.slice(i, i + len), keyword, max));
      if (best === 1) return best;
    }
  }
  return best;
}

const quote = (s: string): string => `“${s}”`;

/**
 * The brand this host pretends to be, strongest trick first: an official name used as a subdomain, the
 * right name with another ending, the name with extra words, digits or foreign letters for letters,
 * then near-misspellings.
 */
function imitation(host: HostParts): { brand: Brand; keyword: string; finding: Finding } | undefined {
  const { squashed, tokens } = words(host);
  const real = (b: Brand) => `Trang thật của ${b.name} là ${b.domains[0]}.`;

  for (const b of BRANDS) {
    const d = b.domains.find((dom) => host.ascii.startsWith(`${dom}.`) || host.ascii.startsWith(`www.${dom}.`));
    if (d) {
      const text = `Địa chỉ bắt đầu bằng ${quote(d)} nhưng thật ra thuộc tên miền ${quote(host.registrable)}. Phần đứng trước chỉ là tên phụ, ai cũng tự đặt được.`;
      return { brand: b, keyword: d, finding: { code: "brand_subdomain_trick", severity: "danger", text } };
    }
  }
  const registrableLabel = host.registrable.split(".")[0] ?? "";
  for (const b of BRANDS) {
    const officialLabels = b.domains.map((dom) => dom.split(".")[0]!);
    // Two-letter names (t.me, fb.me, m.me) are too short to say another site imitates them.
    if (registrableLabel.length >= 3 && (officialLabels.includes(registrableLabel) || b.keywords.includes(registrableLabel))) {
      const text = `Tên ${quote(registrableLabel)} thì giống, nhưng đuôi ${quote("." + host.suffix)} thì khác. ${real(b)}`;
      // Global platforms and shops have sites in many countries (shopee.sg): a warning, not an alarm.
      const severity = b.kind === "platform" || b.kind === "shop" ? "warning" : "danger";
      return { brand: b, keyword: registrableLabel, finding: { code: "brand_wrong_ending", severity, text } };
    }
  }
  // The longest name found wins: "shopeepay-hotro" imitates ShopeePay, not Shopee.
  const embedded = BRANDS.flatMap((b) => b.keywords.filter((k) => containsKeyword(k, squashed, tokens)).map((kw) => ({ b, kw })));
  const longest = embedded.sort((x, y) => y.kw.length - x.kw.length)[0];
  if (longest) {
    const text = `Địa chỉ có chữ ${quote(longest.kw)} nhưng không phải trang của ${longest.b.name}. ${real(longest.b)}`;
    return { brand: longest.b, keyword: longest.kw, finding: { code: "brand_lookalike", severity: "danger", text } };
  }
  for (const b of BRANDS) {
    const kw = b.keywords.find((k) => k.length >= 4 && squashed.some((l) => !l.includes(k) && /\d|rn|vv/.test(l) && letterReadings(l).some((r) => r.includes(k))));
    if (kw) {
      const text = `Địa chỉ dùng số hoặc chữ khác thay cho chữ cái (như 0 thay o, 1 thay l, rn thay m) để trông giống ${quote(kw)}. ${real(b)}`;
      return { brand: b, keyword: kw, finding: { code: "digits_for_letters", severity: "danger", text } };
    }
  }
  if (host.unicode !== host.ascii) {
    const looks = host.unicode.split(".").map((l) => skeleton(l).replace(/-/g, ""));
    for (const b of BRANDS) {
      const kw = b.keywords.find((k) => looks.some((l) => (k.length < WHOLE_WORD_BELOW ? l === k : l.includes(k))));
      if (kw) {
        const text = `Tên miền dùng chữ lạ (chữ có dấu hoặc chữ nước ngoài) trông giống ${quote(kw)} nhưng là một tên miền khác hẳn (máy đọc là ${host.ascii}). ${real(b)}`;
        return { brand: b, keyword: kw, finding: { code: "lookalike_letters", severity: "danger", text } };
      }
    }
  }
  for (const b of BRANDS) {
    const kw = b.keywords.find((k) => {
      const max = k.length >= 9 ? 2 : k.length >= 6 ? 1 : 0;
      return max > 0 && squashed.some((l) => !l.includes(k) && nearestWindow(l, k, max) <= max);
    });
    if (kw) {
      const text = `Địa chỉ viết gần giống ${quote(kw)} nhưng sai chữ. Kẻ gian hay đổi một, hai chữ cái để người đọc không để ý. ${real(b)}`;
      return { brand: b, keyword: kw, finding: { code: "brand_lookalike", severity: "danger", text } };
    }
  }
  return undefined;
}

/** A state word other than the brand name already reported ("dichvucong.bvgov.com" → "gov"). */
function governmentWord(host: HostParts, alreadySaid: string | undefined): Finding[] {
  if (host.suffix === "gov" || host.suffix.startsWith("gov.")) return []; // another country's government
  const looks = host.ownLabels.map((l) => skeleton(l).replace(/-/g, ""));
  const tokens = host.ownLabels.flatMap((l) => skeleton(l).split("-"));
  // "gov" counts anywhere ("bvgov"); other short words only whole ("cccd-online", not "acccdx").
  const present = (word: string) =>
    word.length < WHOLE_WORD_BELOW && word !== "gov" ? tokens.some((t) => matchesShortWord(t, word)) : looks.some((l) => l.includes(word));
  const hit = GOVERNMENT_WORDS.find(({ word }) => !alreadySaid?.includes(word) && present(word));
  if (!hit) return [];
  const text = `Địa chỉ có chữ ${quote(hit.word)} (${hit.label}) nhưng không có đuôi .gov.vn. Trang của cơ quan nhà nước có đuôi .gov.vn, ví dụ dichvucong.gov.vn.`;
  return [{ code: "government_word_outside_gov_vn", severity: "danger", text }];
}

function scamWords(host: HostParts, imitatesBrand: boolean): Finding[] {
  const { squashed } = words(host);
  const bought = (host.registrable.split(".")[0] ?? "").split("-");
  // "vn" and "online" say something only when glued to a brand ("vn-vietcombank"), not alone ("shop-vn").
  const weak = new Set(["vn", "online"]);
  const found = [
    ...SCAM_WORDS_ANYWHERE.filter((w) => squashed.some((l) => l.includes(w))),
    ...SCAM_WORDS_WHOLE.filter((w) => bought.length > 1 && bought.includes(w) && (imitatesBrand || !weak.has(w))),
  ];
  if (!found.length) return [];
  const list = found.slice(0, 3).map(quote).join(", ");
  const text = imitatesBrand
    ? `Có thêm chữ ${list}: kẻ gian hay ghép những chữ như vậy vào tên thật cho giống trang chính thức.`
    : `Địa chỉ có chữ ${list}, kiểu chữ kẻ gian hay dùng để trông giống trang chính thức.`;
  return [{ code: "scam_word", severity: "warning", text }];
}

function brandInPath(path: string, host: HostParts): Finding[] {
  const p = path.toLowerCase();
  for (const b of BRANDS) {
    const kw = b.keywords.find((k) => k.length >= WHOLE_WORD_BELOW && p.includes(k));
    if (kw) {
      // A remark only: news articles about a bank have its name in the path too.
      const text = `Phần sau của link có chữ ${quote(kw)}, nhưng trang này là ${quote(host.registrable)}, không phải trang của ${b.name}.`;
      return [{ code: "brand_in_path", severity: "info", text }];
    }
  }
  return [];
}

function scriptTricks(host: HostParts, alreadyImitates: boolean): Finding[] {
  if (alreadyImitates || !host.ascii.split(".").some((l) => l.startsWith("xn--"))) return [];
  if (host.unicode.split(".").some(mixesScripts)) {
    return [{ code: "mixed_scripts", severity: "danger", text: `Tên miền trộn chữ cái Latin với chữ của bảng chữ cái khác trông giống hệt nhau (${host.ascii}).` }];
  }
  return [{ code: "punycode", severity: "warning", text: `Tên miền có chữ đặc biệt, máy đọc là ${quote(host.ascii)}. Kẻ gian dùng cách này để chữ trông giống tên thật.` }];
}

/** Signs in how the address is written, whoever owns it. */
function addressShape(c: UrlCandidate, host: HostParts, trusted: boolean): Finding[] {
  const out: Finding[] = [];
  if (c.userinfo && c.scheme) {
    const text = `Địa chỉ có dấu @: phần ${quote(c.userinfo)} đứng trước chỉ để đánh lừa, trang thật sự mở ra là ${quote(host.unicode)}.`;
    out.push({ code: "at_sign_in_authority", severity: "danger", text });
  }
  const pathOnly = c.path.split(/[?#]/)[0] ?? "";
  if (APP_PACKAGE.test(pathOnly) || /\.apk(\W|$)/i.test(c.path)) {
    const text = "Link này tải về một tệp cài ứng dụng (.apk). Không cài ứng dụng từ đường link người khác gửi, chỉ tải từ CH Play hoặc App Store.";
    out.push({ code: "app_package", severity: "danger", text });
  }
  if (SHORTENERS.has(host.ascii)) {
    out.push({ code: "shortener", severity: "warning", text: `Đây là link rút gọn (${host.ascii}): nhìn vào không biết nó thật sự dẫn tới trang nào.` });
  }
  if (!trusted && RISKY_TLDS.has(host.suffix)) {
    out.push({ code: "risky_tld", severity: "warning", text: `Đuôi ${quote("." + host.suffix)} rất rẻ, hay bị kẻ gian dùng để làm trang giả.` });
  }
  if (c.scheme === "http") {
    out.push(
      trusted
        ? { code: "plain_http", severity: "info", text: "Link dùng http:// (không mã hóa). Nên tự gõ địa chỉ với https:// thì hơn." }
        : { code: "plain_http", severity: "warning", text: "Link dùng http:// (không mã hóa). Đừng nhập mật khẩu hay số thẻ vào trang như vậy." },
    );
  }
  if (!trusted && (host.ascii.length > LONG_HOST.chars || host.ownLabels.length > LONG_HOST.labels)) {
    out.push({ code: "long_host", severity: "warning", text: "Địa chỉ rất dài, nhiều tầng dấu chấm: kiểu hay gặp ở trang giả." });
  }
  if (c.port && c.port !== "80" && c.port !== "443") {
    out.push({ code: "unusual_port", severity: "warning", text: `Địa chỉ có thêm số cổng lạ (:${c.port}), trang bình thường không cần.` });
  }
  return out;
}
