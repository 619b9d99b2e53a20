/**
 * What the checker says about one link or number: findings (a code for tests and statistics, a plain
 * Vietnamese sentence for people) and one verdict. There is deliberately no "safe" verdict: an address
 * without warning signs can still be a scam, so the best a check can say is "official" or "no signs".
 */
export type Verdict = "likely_scam" | "suspicious" | "no_warning_signs" | "official";

/** danger → likely_scam; warning → suspicious; info says what was seen; official vouches for the address. */
export type Severity = "danger" | "warning" | "info" | "official";

export type FindingCode =
  // links
  | "official_domain"
  | "government_domain"
  | "brand_lookalike"
  | "brand_wrong_ending"
  | "brand_subdomain_trick"
  | "digits_for_letters"
  | "lookalike_letters"
  | "mixed_scripts"
  | "punycode"
  | "government_word_outside_gov_vn"
  | "brand_in_path"
  | "scam_word"
  | "raw_ip_host"
  | "shortener"
  | "risky_tld"
  | "plain_http"
  | "at_sign_in_authority"
  | "long_host"
  | "unusual_port"
  | "app_package"
  | "unknown_domain"
  // phone numbers
  | "vn_mobile"
  | "vn_landline"
  | "unknown_mobile_prefix"
  | "wrong_length"
  | "foreign_number"
  | "toll_free_1800"
  | "premium_1900"
  | "service_number"
  | "short_code"
  | "not_a_phone_number";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  text: string;
}

export type CheckedKind = "url" | "phone";

export interface CheckResult {
  kind: CheckedKind;
  /** As written by the person (cleaned of invisible characters). */
  input: string;
  /** What to show back: the host for links, the grouped number for phones. */
  display: string;
  verdict: Verdict;
  findings: Finding[];
  /** The brand a link is, or imitates (for advice such as "banks send no links"). */
  brand?: { name: string; kind: string; officialDomain: string; note?: string };
}

const SEVERITY_ORDER: Record<Severity, number> = { danger: 0, warning: 1, official: 2, info: 3 };

/** A result with its verdict, the most serious findings first (a short reply keeps those). */
export function resultOf(fields: Omit<CheckResult, "verdict">): CheckResult {
  const findings = [...fields.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { ...fields, findings, verdict: verdictOf(findings) };
}

const RANK: Record<Verdict, number> = { likely_scam: 3, suspicious: 2, no_warning_signs: 1, official: 0 };

/** Riskiest first. */
export function byRisk(a: CheckResult, b: CheckResult): number {
  return RANK[b.verdict] - RANK[a.verdict];
}

/** One danger, or three warnings together, make a likely scam; an official finding counts only alone. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  const warnings = findings.filter((f) => f.severity === "warning").length;
  if (findings.some((f) => f.severity === "danger") || warnings >= 3) return "likely_scam";
  if (warnings > 0) return "suspicious";
  if (findings.some((f) => f.severity === "official")) return "official";
  return "no_warning_signs";
}
