import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { sql } from "../db/statements.js";
import { consentChanges } from "./consent.js";

/**
 * One person, two ids: the OA-scoped `zalo_user_id` (chat) and `zalo_app_user_id` (user_id_by_app, the
 * Mini App's Graph id). Only a trusted source may say they belong together: Zalo's signed webhook, Zalo's
 * Graph answering a sign-in with `user_id_by_oa`, or Zalo's OA API confirming a Mini App's `idByOA`
 * claim (app-api/oa-link-check.ts).
 */

interface IdRow {
  id: number;
  zalo_user_id: string | null;
  zalo_app_user_id: string | null;
}

/**
 * What joining OA id X with app id Y would do:
 * `none`     no record holds either id (the caller creates one);
 * `already`  one record holds both;
 * `attach`   one record holds one id and its other id is empty: it gets the other;
 * `merge`    an OA-only record and an app-only record: they become one;
 * `conflict` a record already pairs one of the ids with a different partner: left alone, never handed over.
 */
export type JoinPlan = "none" | "already" | "attach" | "merge" | "conflict";

export function planJoin(db: Db, oaUserId: string, appUserId: string): { plan: JoinPlan; byOa?: IdRow; byApp?: IdRow } {
  const byOa = sql(db, `SELECT id, zalo_user_id, zalo_app_user_id FROM learners WHERE zalo_user_id = ?`).get(oaUserId) as IdRow | undefined;
  const byApp = sql(db, `SELECT id, zalo_user_id, zalo_app_user_id FROM learners WHERE zalo_app_user_id = ?`).get(appUserId) as IdRow | undefined;
  if (byOa && byApp) {
    if (byOa.id === byApp.id) return { plan: "already", byOa, byApp };
    const free = byOa.zalo_app_user_id === null && byApp.zalo_user_id === null;
    return { plan: free ? "merge" : "conflict", byOa, byApp };
  }
  if (byOa) return { plan: byOa.zalo_app_user_id === null ? "attach" : "conflict", byOa };
  if (byApp) return { plan: byApp.zalo_user_id === null ? "attach" : "conflict", byApp };
  return { plan: "none" };
}

/**
 * A trusted source says OA id X and app id Y are one person: make the records say so. Idempotent (a
 * second call finds `already`). Runs in one transaction (a savepoint inside the caller's).
 */
export function joinIdentities(db: Db, clock: Clock, oaUserId: string, appUserId: string): JoinPlan {
  return db.transaction(() => applyJoin(db, clock, oaUserId, appUserId, planJoin(db, oaUserId, appUserId)))();
}

/** Carries out a plan planJoin just made for these ids (inside the caller's transaction). */
function applyJoin(db: Db, clock: Clock, oaUserId: string, appUserId: string, planned: ReturnType<typeof planJoin>): JoinPlan {
  const { plan, byOa, byApp } = planned;
  const now = iso(clock.now());
  if (plan === "attach" && byOa) {
    sql(db, `UPDATE learners SET zalo_app_user_id = ?, updated_at = ? WHERE id = ?`).run(appUserId, now, byOa.id);
  } else if (plan === "attach" && byApp) {
    sql(db, `UPDATE learners SET zalo_user_id = ?, updated_at = ? WHERE id = ?`).run(oaUserId, now, byApp.id);
  } else if (plan === "merge") {
    mergeLearners(db, clock, byOa!.id, byApp!.id);
  }
  return plan;
}

/**
 * What a sign-in's own Graph answer did: a join plan, or `repaired` (see joinFromGraph).
 */
export type GraphJoin = JoinPlan | "repaired";

/**
 * Zalo's Graph said, for this person's own token, that app id Y is OA user X: join them like
 * joinIdentities does. One case more, where Graph's word beats an older pairing: the chat record X is
 * paired with another app id (the webhook's `user_id_by_app`, which is not confirmed to equal the Mini
 * App's Graph id) while Y is on no record or only on an app-only one. Then Y's record is merged into
 * X's as any merge is, and X's record takes Y as its app id. Everything else that conflicts (Y already
 * paired with another OA id) is left alone. Idempotent; one transaction (a savepoint in the caller's).
 */
export function joinFromGraph(db: Db, clock: Clock, oaUserId: string, appUserId: string): GraphJoin {
  return db.transaction((): GraphJoin => {
    const planned = planJoin(db, oaUserId, appUserId);
    const { plan, byOa, byApp } = planned;
    const repairable = plan === "conflict" && byOa !== undefined && byOa.zalo_app_user_id !== null && (!byApp || byApp.zalo_user_id === null);
    if (!repairable) return applyJoin(db, clock, oaUserId, appUserId, planned);
    if (byApp) mergeLearners(db, clock, byOa.id, byApp.id);
    sql(db, `UPDATE learners SET zalo_app_user_id = ?, updated_at = ? WHERE id = ?`).run(appUserId, iso(clock.now()), byOa.id);
    return "repaired";
  })();
}

/** Per-learner tables whose rows are combined rather than simply moved (their keys include the learner). */
const COMBINED = new Set(["lesson_progress", "review_items", "certificates"]);

/**
 * Folds learner `fromId` into learner `intoId` and deletes `fromId`, in one transaction.
 *
 * The OA record survives (`intoId` is the chat one when called from joinIdentities): the chat's state,
 * outreach schedule and in-flight handler hold its id, and the inbox and outbox are keyed by its OA id;
 * the Mini App side keeps nothing but sessions, which move. Created-at and first-touch attribution come
 * from whichever record is older.
 *
 * Progress is a union (earliest opened, any completion, best score, earliest pass); reviews keep the lower
 * box and earlier due date; attempts, sessions and every other per-learner row (found through the schema's
 * foreign keys, so tables added later move too) change owner. One certificate per learner: the earlier
 * issued one is kept, so a certificate is only dropped when the person has another.
 * Anonymous daily counts are not touched. A missing `fromId` is a no-op.
 */
export function mergeLearners(db: Db, clock: Clock, intoId: number, fromId: number): { merged: boolean } {
  return db.transaction(() => {
    const into = sql(db, `SELECT * FROM learners WHERE id = ?`).get(intoId) as Record<string, unknown> | undefined;
    const from = sql(db, `SELECT * FROM learners WHERE id = ?`).get(fromId) as Record<string, unknown> | undefined;
    if (!into || !from || intoId === fromId) return { merged: false };

    sql(
      db,
      `INSERT INTO lesson_progress (learner_id, lesson_id, opened_at, completed_at, best_score, passed_at)
       SELECT ?, lesson_id, opened_at, completed_at, best_score, passed_at FROM lesson_progress WHERE learner_id = ?
       ON CONFLICT (learner_id, lesson_id) DO UPDATE SET
         opened_at = MIN(opened_at, excluded.opened_at),
         completed_at = COALESCE(MIN(completed_at, excluded.completed_at), completed_at, excluded.completed_at),
         best_score = COALESCE(MAX(best_score, excluded.best_score), best_score, excluded.best_score),
         passed_at = COALESCE(MIN(passed_at, excluded.passed_at), passed_at, excluded.passed_at)`,
    ).run(intoId, fromId);
    sql(
      db,
      `INSERT INTO review_items (learner_id, question_id, box, due_at)
       SELECT ?, question_id, box, due_at FROM review_items WHERE learner_id = ?
       ON CONFLICT (learner_id, question_id) DO UPDATE SET box = MIN(box, excluded.box), due_at = MIN(due_at, excluded.due_at)`,
    ).run(intoId, fromId);
    keepEarlierCertificate(db, intoId, fromId);
    for (const { tbl, col } of learnerReferences(db)) {
      if (COMBINED.has(tbl)) continue;
      // Table and column names come from the schema, never from input. OR IGNORE: a row the survivor
      // already has (a per-day outreach slot, a tip seen) stays with the other record and goes with it.
      sql(db, `UPDATE OR IGNORE "${tbl}" SET "${col}" = ? WHERE "${col}" = ?`).run(intoId, fromId);
    }

    const merged = mergedFields(into, from, iso(clock.now()));
    sql(db, `DELETE FROM learners WHERE id = ?`).run(fromId);
    const cols = Object.keys(merged);
    // Column names come from the learners table itself.
    sql(db, `UPDATE learners SET ${cols.map((c) => `"${c}" = ?`).join(", ")} WHERE id = ?`).run(...cols.map((c) => merged[c]), intoId);
    return { merged: true };
  })();
}

function keepEarlierCertificate(db: Db, intoId: number, fromId: number): void {
  const issued = (id: number) => sql(db, `SELECT issued_at FROM certificates WHERE learner_id = ?`).pluck().get(id) as string | undefined;
  const mine = issued(intoId);
  const theirs = issued(fromId);
  if (theirs === undefined) return;
  if (mine !== undefined && mine <= theirs) return; // the other one goes with its record
  if (mine !== undefined) sql(db, `DELETE FROM certificates WHERE learner_id = ?`).run(intoId);
  sql(db, `UPDATE certificates SET learner_id = ? WHERE learner_id = ?`).run(intoId, fromId);
}

/** Every (table, column) with a foreign key to learners, from the live schema. */
function learnerReferences(db: Db): { tbl: string; col: string }[] {
  return sql(
    db,
    `SELECT m.name AS tbl, f."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND f."table" = 'learners' ORDER BY m.name`,
  ).all() as { tbl: string; col: string }[];
}

/**
 * The survivor's profile after the merge. Default: the survivor's value, else the other's (fill what is
 * missing). Consent is the most recent explicit choice, never invented; place, reminder time and the kept
 * certificate name are kept only under granted consent, as everywhere else (learning/consent.ts).
 */
function mergedFields(into: Record<string, unknown>, from: Record<string, unknown>, now: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col of Object.keys(into)) {
    if (col === "id") continue;
    out[col] = into[col] ?? from[col];
  }
  const older = String(from.created_at) < String(into.created_at) ? from : into;
  const newer = older === into ? from : into;
  out.created_at = older.created_at;
  out.first_source = older.first_source ?? newer.first_source;
  out.referrer_code = older.referrer_code ?? newer.referrer_code;
  out.zalo_user_id = into.zalo_user_id ?? from.zalo_user_id;
  out.zalo_app_user_id = into.zalo_app_user_id ?? from.zalo_app_user_id;
  out.last_interaction_at = later(into.last_interaction_at, from.last_interaction_at);
  if ("outreach_snoozed_until" in into) out.outreach_snoozed_until = later(into.outreach_snoozed_until, from.outreach_snoozed_until);
  if ("daily_tip" in into) out.daily_tip = Math.max(Number(into.daily_tip ?? 0), Number(from.daily_tip ?? 0));

  const choice = latestConsent(into, from);
  Object.assign(out, consentChanges((choice?.consent ?? null) as "granted" | "declined" | null));
  out.consent_at = choice?.consent_at ?? null;
  out.updated_at = now;
  return out;
}

function latestConsent(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> | undefined {
  const chosen = [a, b].filter((r) => r.consent === "granted" || r.consent === "declined");
  if (chosen.length < 2) return chosen[0];
  // Ties (or a missing time) go to the survivor `a`.
  return String(b.consent_at ?? "") > String(a.consent_at ?? "") ? b : a;
}

function later(a: unknown, b: unknown): unknown {
  if (a == null) return b;
  if (b == null) return a;
  return String(a) >= String(b) ? a : b;
}
