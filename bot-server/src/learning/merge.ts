import { isUniqueViolation, type SqlValue, type Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";
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

type Planned = { plan: JoinPlan; byOa?: IdRow; byApp?: IdRow };

export async function planJoin(store: Store, oaUserId: string, appUserId: string): Promise<Planned> {
  const byOa = await store.get<IdRow>(`SELECT id, zalo_user_id, zalo_app_user_id FROM learners WHERE zalo_user_id = ?`, [oaUserId]);
  const byApp = await store.get<IdRow>(`SELECT id, zalo_user_id, zalo_app_user_id FROM learners WHERE zalo_app_user_id = ?`, [appUserId]);
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
export function joinIdentities(store: Store, clock: Clock, oaUserId: string, appUserId: string): Promise<JoinPlan> {
  return store.transaction(async () => applyJoin(store, clock, oaUserId, appUserId, await planJoin(store, oaUserId, appUserId)));
}

/** Carries out a plan planJoin just made for these ids (inside the caller's transaction). */
async function applyJoin(store: Store, clock: Clock, oaUserId: string, appUserId: string, planned: Planned): Promise<JoinPlan> {
  const { plan, byOa, byApp } = planned;
  const now = iso(clock.now());
  if (plan === "attach" && byOa) {
    await store.run(`UPDATE learners SET zalo_app_user_id = ?, updated_at = ? WHERE id = ?`, [appUserId, now, byOa.id]);
  } else if (plan === "attach" && byApp) {
    await store.run(`UPDATE learners SET zalo_user_id = ?, updated_at = ? WHERE id = ?`, [oaUserId, now, byApp.id]);
  } else if (plan === "merge") {
    await mergeLearners(store, clock, byOa!.id, byApp!.id);
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
export function joinFromGraph(store: Store, clock: Clock, oaUserId: string, appUserId: string): Promise<GraphJoin> {
  return store.transaction(async (): Promise<GraphJoin> => {
    const planned = await planJoin(store, oaUserId, appUserId);
    const { plan, byOa, byApp } = planned;
    const repairable = plan === "conflict" && byOa !== undefined && byOa.zalo_app_user_id !== null && (!byApp || byApp.zalo_user_id === null);
    if (!repairable) return applyJoin(store, clock, oaUserId, appUserId, planned);
    if (byApp) await mergeLearners(store, clock, byOa.id, byApp.id);
    await store.run(`UPDATE learners SET zalo_app_user_id = ?, updated_at = ? WHERE id = ?`, [appUserId, iso(clock.now()), byOa.id]);
    return "repaired";
  });
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
export function mergeLearners(store: Store, clock: Clock, intoId: number, fromId: number): Promise<{ merged: boolean }> {
  return store.transaction(async () => {
    const into = await store.get<Record<string, unknown>>(`SELECT * FROM learners WHERE id = ?`, [intoId]);
    const from = await store.get<Record<string, unknown>>(`SELECT * FROM learners WHERE id = ?`, [fromId]);
    if (!into || !from || intoId === fromId) return { merged: false };

    // Two-value MIN and MAX are SQLite's LEAST and GREATEST; both stores' COALESCE fills a missing side.
    const [least, greatest] = store.dialect === "postgres" ? ["LEAST", "GREATEST"] : ["MIN", "MAX"];
    await store.run(
      `INSERT INTO lesson_progress (learner_id, lesson_id, opened_at, completed_at, best_score, passed_at)
       SELECT ?, lesson_id, opened_at, completed_at, best_score, passed_at FROM lesson_progress WHERE learner_id = ?
       ON CONFLICT (learner_id, lesson_id) DO UPDATE SET
         opened_at = ${least}(lesson_progress.opened_at, excluded.opened_at),
         completed_at = COALESCE(${least}(lesson_progress.completed_at, excluded.completed_at), lesson_progress.completed_at, excluded.completed_at),
         best_score = COALESCE(${greatest}(lesson_progress.best_score, excluded.best_score), lesson_progress.best_score, excluded.best_score),
         passed_at = COALESCE(${least}(lesson_progress.passed_at, excluded.passed_at), lesson_progress.passed_at, excluded.passed_at)`,
      [intoId, fromId],
    );
    await store.run(
      `INSERT INTO review_items (learner_id, question_id, box, due_at)
       SELECT ?, question_id, box, due_at FROM review_items WHERE learner_id = ?
       ON CONFLICT (learner_id, question_id) DO UPDATE SET
         box = ${least}(review_items.box, excluded.box), due_at = ${least}(review_items.due_at, excluded.due_at)`,
      [intoId, fromId],
    );
    await keepEarlierCertificate(store, intoId, fromId);
    for (const { tbl, col } of await learnerReferences(store)) {
      if (COMBINED.has(tbl)) continue;
      await moveRows(store, tbl, col, intoId, fromId);
    }

    const merged = mergedFields(into, from, iso(clock.now()));
    await store.run(`DELETE FROM learners WHERE id = ?`, [fromId]);
    const cols = Object.keys(merged);
    // Column names come from the learners table itself.
    await store.run(`UPDATE learners SET ${cols.map((c) => `"${c}" = ?`).join(", ")} WHERE id = ?`, [...cols.map((c) => merged[c] as SqlValue), intoId]);
    return { merged: true };
  });
}

/**
 * Gives `fromId`'s rows in `tbl` to `intoId`. A row the survivor already has (a per-day outreach slot,
 * a tip seen) stays with the other record and goes with it. Table and column names come from the
 * schema, never from input.
 */
async function moveRows(store: Store, tbl: string, col: string, intoId: number, fromId: number): Promise<void> {
  if (store.dialect === "sqlite") {
    await store.run(`UPDATE OR IGNORE "${tbl}" SET "${col}" = ? WHERE "${col}" = ?`, [intoId, fromId]);
    return;
  }
  // PostgreSQL has no OR IGNORE: row by row, each in a savepoint that a clash rolls back.
  for (const ctid of await store.column<string>(`SELECT ctid::text FROM "${tbl}" WHERE "${col}" = ?`, [fromId])) {
    try {
      await store.transaction(() => store.run(`UPDATE "${tbl}" SET "${col}" = ? WHERE ctid = ?::tid`, [intoId, ctid]));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}

async function keepEarlierCertificate(store: Store, intoId: number, fromId: number): Promise<void> {
  const issued = (id: number) => store.value<string>(`SELECT issued_at FROM certificates WHERE learner_id = ?`, [id]);
  const mine = await issued(intoId);
  const theirs = await issued(fromId);
  if (theirs === undefined) return;
  if (mine !== undefined && mine <= theirs) return; // the other one goes with its record
  if (mine !== undefined) await store.run(`DELETE FROM certificates WHERE learner_id = ?`, [intoId]);
  await store.run(`UPDATE certificates SET learner_id = ? WHERE learner_id = ?`, [intoId, fromId]);
}

/** Every (table, column) with a foreign key to learners, from the live schema. */
export function learnerReferences(store: Store): Promise<{ tbl: string; col: string }[]> {
  if (store.dialect === "postgres") {
    return store.all(
      `SELECT t.relname AS tbl, a.attname AS col FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'learners'::regclass ORDER BY t.relname`,
    );
  }
  return store.all(
    `SELECT m.name AS tbl, f."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND f."table" = 'learners' ORDER BY m.name`,
  );
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
