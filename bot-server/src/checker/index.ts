import { cleanText, findPhoneRuns, findUrls } from "./extract.js";
import { byRisk, type CheckResult } from "./findings.js";
import { checkPhone, isPhoneInSentence, readNumber, worthReportingAlone } from "./phone-check.js";
import { checkUrl } from "./url-check.js";

export type { CheckResult, Finding, FindingCode, Verdict } from "./findings.js";

/**
 * The link and phone checker: offline heuristics over what a person pastes, with no network and no
 * I/O, so the answer is immediate and the same every time. It never calls anything safe: the best
 * verdicts are "official" (a listed official address) and "no warning signs".
 */

/** Texts are cut here before analysis: Zalo messages are far shorter, and the patterns stay linear. */
const MAX_ANALYSED_CHARS = 4_000;

export interface CheckOptions {
  /** The person asked for a check ("kiểm tra …"): odd numbers and unusual endings are judged too. */
  explicit?: boolean;
}

/** Every link and phone number in the text, checked, riskiest first, each once. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult[] {
  const explicit = options.explicit ?? false;
  const clean = cleanText(text.slice(0, MAX_ANALYSED_CHARS));
  // Most chat messages hold neither: a link needs a dot (or an IPv6 bracket), a phone number digits.
  if (!explicit && !/[\p{N}.[]/u.test(clean)) return [];
  const { candidates, spans } = findUrls(clean, explicit);
  const results = candidates.map(checkUrl);
  for (const run of findPhoneRuns(clean, spans)) {
    const alone = explicit || isAlone(clean, run);
    for (const part of splitRun(run, alone, explicit)) results.push(checkPhone(part, readNumber(part)));
  }
  return dedupe(results).sort(byRisk);
}

/** The run is the whole message, give or take punctuation and emoji. */
function isAlone(text: string, run: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text.replace(run, ""));
}

/**
 * A run as phone numbers. Two numbers written one after the other ("0912 345 678 0987 654 321") come as
 * one run, so a run that is not one number is split at its spaces into the longest numbers that are.
 */
function splitRun(run: string, alone: boolean, explicit: boolean): string[] {
  const whole = readNumber(run);
  if (isPhoneInSentence(whole)) return [run];
  const groups = run.split(/\s+/);
  if (groups.length > 1) {
    for (let i = groups.length - 1; i >= 1; i--) {
      const head = groups.slice(0, i).join(" ");
      if (isPhoneInSentence(readNumber(head))) return [head, ...splitRun(groups.slice(i).join(" "), false, false)];
    }
  }
  if (alone && worthReportingAlone(whole, explicit) && !looksLikeDate(run)) return [run];
  return groups.length > 1 ? splitRun(groups.slice(1).join(" "), false, false) : [];
}

function looksLikeDate(run: string): boolean {
  return /^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}$/.test(run.trim()) || /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(run.trim());
}

function dedupe(results: CheckResult[]): CheckResult[] {
  const seen = new Set<string>();
  return results.filter((r) => {
    const key = `${r.kind}:${r.kind === "url" ? r.input.toLowerCase().replace(/^https?:\/\//, "").replace(/\/$/, "") : r.display}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
