import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { sql } from "../db/statements.js";
import { consentChanges } from "./consent.js";
import { joinFromGraph, joinIdentities, type GraphJoin } from "./merge.js";

export interface Learner {
  id: number;
  zalo_user_id: string | null;
  zalo_app_user_id: string | null;
  display_name: string | null;
  follows_oa: number;
  last_interaction_at: string | null;
  unreachable_reason: string | null;
  consent: "granted" | "declined" | null;
  province_code: string | null;
  commune_code: string | null;
  reminder_time: string | null;
  certificate_name: string | null;
  first_source: string | null;
  referrer_code: string | null;
  chat_state: string | null;
  created_at: string;
}

/**
 * Who vouched for an OA id joined to a Mini App sign-in (forAppUser): `graph`, Graph's `user_id_by_oa`;
 * `confirmed`, Zalo's OA API confirming the app's `idByOA` (or the simulator's own users).
 */
export type OaVouch = "graph" | "confirmed";

/** Fields a learner may change about themselves (chat or Mini App). */
export interface LearnerUpdate {
  display_name?: string | null;
  certificate_name?: string | null;
  consent?: "granted" | "declined" | null;
  province_code?: string | null;
  commune_code?: string | null;
  reminder_time?: string | null;
}

/** An event from the person: Zalo's messaging window runs from here, and they are reachable again. */
const TOUCH = `UPDATE learners SET last_interaction_at = MAX(COALESCE(last_interaction_at, ''), ?),
  unreachable_reason = NULL, unreachable_at = NULL, updated_at = ?`;

/** Learner records: one person, whichever door (OA chat or Mini App) they came in by. */
export class Learners {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  byZaloUserId(zaloUserId: string): Learner | undefined {
    return sql(this.db, `SELECT * FROM learners WHERE zalo_user_id = ?`).get(zaloUserId) as Learner | undefined;
  }

  /**
   * The person just did something in the OA chat: create them if new, note the interaction (Zalo's
   * messaging window runs from here) and that they are reachable again. Zalo signs the event, so its
   * `user_id_by_app` is trusted: a Mini App record with that id becomes this person's (merged if both exist).
   */
  touch(zaloUserId: string, at: Date, appUserId?: string): Learner {
    const now = iso(this.clock.now());
    // The usual case in one statement: a known person whose ids are already joined (or no app id came).
    const touched = sql(this.db, `${TOUCH} WHERE zalo_user_id = ? AND (? IS NULL OR zalo_app_user_id = ?) RETURNING *`)
      .get(iso(at), now, zaloUserId, appUserId ?? null, appUserId ?? null) as Learner | undefined;
    if (touched) return touched;
    if (appUserId) joinIdentities(this.db, this.clock, zaloUserId, appUserId);
    const existing = this.byZaloUserId(zaloUserId);
    if (existing) return sql(this.db, `${TOUCH} WHERE id = ? RETURNING *`).get(iso(at), now, existing.id) as Learner;
    // No record holds this OA id; the app id goes with it unless another record already holds it.
    const appId = appUserId && !this.byAppUserId(appUserId) ? appUserId : null;
    return sql(this.db, 
        `INSERT INTO learners (zalo_user_id, zalo_app_user_id, last_interaction_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(zaloUserId, appId, iso(at), now, now) as Learner;
  }

  byId(id: number): Learner | undefined {
    return sql(this.db, `SELECT * FROM learners WHERE id = ?`).get(id) as Learner | undefined;
  }

  byAppUserId(appUserId: string): Learner | undefined {
    return sql(this.db, `SELECT * FROM learners WHERE zalo_app_user_id = ?`).get(appUserId) as Learner | undefined;
  }

  /**
   * The Mini App signed someone in: find them by their app id, else create them. `confirmedOaUserId` is
   * an OA id Zalo itself vouched for: `graph`, Graph's `user_id_by_oa` for this person's own token (it
   * wins over an older pairing, see joinFromGraph); `confirmed`, OA user/detail confirming the app's
   * `idByOA` (app-api/oa-link-check.ts), or the simulator's own users in simulator mode. Only then is the
   * OA chat record joined, merged if both exist. A claim no one confirmed must never reach here — it
   * would hand someone else's progress to whoever knows their OA id.
   */
  forAppUser(
    appUserId: string,
    confirmedOaUserId: string | undefined,
    displayName: string | undefined,
    vouchedBy: OaVouch = "confirmed",
  ): { learner: Learner; created: boolean; join?: GraphJoin } {
    const now = iso(this.clock.now());
    const join = !confirmedOaUserId
      ? undefined
      : vouchedBy === "graph"
        ? joinFromGraph(this.db, this.clock, confirmedOaUserId, appUserId)
        : joinIdentities(this.db, this.clock, confirmedOaUserId, appUserId);
    const found = this.byAppUserId(appUserId);
    if (found) {
      sql(this.db, `UPDATE learners SET display_name = ? WHERE id = ? AND display_name IS NULL`).run(displayName ?? null, found.id);
      return { learner: this.byId(found.id)!, created: false, join };
    }
    const oaId = confirmedOaUserId && !this.byZaloUserId(confirmedOaUserId) ? confirmedOaUserId : null;
    const id = Number(
      sql(this.db, `INSERT INTO learners (zalo_user_id, zalo_app_user_id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(
        oaId,
        appUserId,
        displayName ?? null,
        now,
        now,
      ).lastInsertRowid,
    );
    return { learner: this.byId(id)!, created: true, join };
  }

  update(id: number, changes: LearnerUpdate): Learner {
    const now = iso(this.clock.now());
    const fields = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof LearnerUpdate, string | null][];
    for (const [field, value] of fields) {
      // Field names come from the LearnerUpdate type, never from input.
      sql(this.db, `UPDATE learners SET ${field} = ?, updated_at = ? WHERE id = ?`).run(
        typeof value === "string" ? value.normalize("NFC") : value,
        now,
        id,
      );
    }
    if (changes.consent !== undefined) sql(this.db, `UPDATE learners SET consent_at = ? WHERE id = ?`).run(now, id);
    return this.byId(id)!;
  }

  /** Records a consent choice; anything but "granted" clears what is kept only with it (learning/consent.ts). */
  setConsent(id: number, consent: "granted" | "declined" | null): Learner {
    return this.update(id, consentChanges(consent));
  }

  /** "Không đồng ý", in the chat or the Mini App: the same stored state from either door. */
  declineConsent(id: number): Learner {
    return this.setConsent(id, "declined");
  }

  /** First-touch attribution: the QR source and volunteer code of the first contact, kept once. */
  recordFirstTouch(id: number, source: string | undefined, referrer: string | undefined): void {
    if (source) sql(this.db, `UPDATE learners SET first_source = ? WHERE id = ? AND first_source IS NULL`).run(source.slice(0, 64), id);
    if (referrer) sql(this.db, `UPDATE learners SET referrer_code = ? WHERE id = ? AND referrer_code IS NULL`).run(referrer.slice(0, 64), id);
  }

  chatState<T>(id: number): T | null {
    const raw = sql(this.db, `SELECT chat_state FROM learners WHERE id = ?`).pluck().get(id) as string | null;
    return raw ? (JSON.parse(raw) as T) : null;
  }

  setChatState(id: number, state: unknown): void {
    sql(this.db, `UPDATE learners SET chat_state = ? WHERE id = ?`).run(state === null ? null : JSON.stringify(state), id);
  }

  setFollows(zaloUserId: string, follows: boolean): void {
    sql(this.db, `UPDATE learners SET follows_oa = ?, updated_at = ? WHERE zalo_user_id = ?`)
      .run(follows ? 1 : 0, iso(this.clock.now()), zaloUserId);
  }

  markUnreachable(zaloUserId: string, reason: string): void {
    const now = iso(this.clock.now());
    sql(this.db, `UPDATE learners SET unreachable_reason = ?, unreachable_at = ?, updated_at = ? WHERE zalo_user_id = ?`)
      .run(reason, now, now, zaloUserId);
  }
}
