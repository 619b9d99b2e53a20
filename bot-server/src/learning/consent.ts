import type { LearnerUpdate } from "./learners.js";

/**
 * What is kept about a person only while their consent is granted: where they live (it feeds the commune
 * reports), when to remind them, and the name kept for a future certificate. One list for every door: the
 * chat's "Không đồng ý", the Mini App's consent choice, and merging two records under a non-granted consent.
 * (An issued certificate carries its own name, which both consent texts say is printed either way.)
 */
export const KEPT_ONLY_WITH_CONSENT = ["province_code", "commune_code", "reminder_time", "certificate_name"] as const;

/** The changes that record a consent choice: anything but "granted" also clears what needs it. */
export function consentChanges(consent: "granted" | "declined" | null): LearnerUpdate {
  const changes: LearnerUpdate = { consent };
  if (consent !== "granted") for (const field of KEPT_ONLY_WITH_CONSENT) changes[field] = null;
  return changes;
}
