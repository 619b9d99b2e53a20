// Loads scam types and tips, and renders a tip the way the chatbot sends it.
import { checkChoiceQuestion } from "./choice.js";
import { loadListFile } from "./list-file.js";
import type { ProblemLog } from "./problems.js";
import { LIMITS } from "./rules.js";
import { type ScamType, scamTypeSchema, type Tip, tipSchema } from "./schema.js";

export const SCAM_TYPES_FILE = "tips/scam-types.yaml";
export const TIPS_FILE = "tips/tips.yaml";

/** The tip as one plain-text chat message: title, sign, action and (if any) where to report, one per line. */
export function renderTip(tip: Pick<Tip, "title" | "sign" | "action" | "report">): string {
  return [tip.title, tip.sign, tip.action, tip.report].filter((line): line is string => line !== undefined).join("\n");
}

export function loadScamTypes(contentDir: string, log: ProblemLog): ScamType[] {
  return loadListFile(contentDir, scamTypeSchema, "scam-types", log.forFile(SCAM_TYPES_FILE)).map((e) => e.item);
}

export interface TipContext {
  scamIds: ReadonlySet<string>;
  lessonIds: ReadonlySet<number>;
}

export function loadTips(contentDir: string, context: TipContext, log: ProblemLog): Tip[] {
  const out = log.forFile(TIPS_FILE);
  const entries = loadListFile(contentDir, tipSchema, "tips", out);
  for (const { item: tip, field } of entries) {
    if (!context.scamIds.has(tip.scam)) out.add(`${field}.scam`, `"${tip.scam}" is not an id in ${SCAM_TYPES_FILE}`);
    tip.lessons?.forEach((lesson, i) => {
      if (!context.lessonIds.has(lesson)) out.add(`${field}.lessons[${i}]`, `there is no lesson ${lesson}`);
    });
    if (tip.check) checkChoiceQuestion(tip.check, `${field}.check`, out);
    const length = renderTip(tip).length;
    if (length > LIMITS.tipChars) {
      out.add(field, `is ${length} characters long as sent in chat (title, sign, action, report); the limit is ${LIMITS.tipChars}`);
    }
  }
  return entries.map((e) => e.item);
}
