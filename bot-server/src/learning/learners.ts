import type { Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";
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
const TOUCH = `UPDATE learners SET
  last_interaction_at = CASE WHEN last_interaction_at IS NULL OR last_interaction_at < @at THEN @at ELSE last_interaction_at END,
  unreachable_reason = NULL, unreachable_at = NULL, updated_at = @now`;

/** Learner records: one person, whichever door (OA chat or Mini App) they came in by. */
export class Learners {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  byZaloUserId(zaloUserId: string): Promise<Learner | undefined> {
    return this.store.get<Learner>(`SELECT * FROM learners WHERE zalo_user_id = ?`, [zaloUserId]);
  }

  /**
   * The person just did something in the OA chat: create them if new, note the interaction (Zalo's
   * messaging window runs from here) and that they are reachable again. Zalo signs the event, so its
   * `user_id_by_app` is trusted: a Mini App record with that id becomes this person's (merged if both exist).
   */
  async touch(zaloUserId: string, at: Date, appUserId?: string): Promise<Learner> {
    const times = { at: iso(at), now: iso(this.clock.now()) };
    // The usual case in one statement: a known person whose ids are already joined (or no app id came).
    const touched = await this.store.get<Learner>(
      `${TOUCH} WHERE zalo_user_id = @zaloUserId AND (CAST(@appUserId AS TEXT) IS NULL OR zalo_app_user_id = @appUserId) RETURNING *`,
      { ...times, zaloUserId, appUserId: appUserId ?? null },
    );
    if (touched) return touched;
    if (appUserId) await joinIdentities(this.store, this.clock, zaloUserId, appUserId);
    const existing = await this.byZaloUserId(zaloUserId);
    if (existing) return (await this.store.get<Learner>(`${TOUCH} WHERE id = @id RETURNING *`, { ...times, id: existing.id }))!;
    // No record holds this OA id; the app id goes with it unless another record already holds it.
    const appId = appUserId && !(await this.byAppUserId(appUserId)) ? appUserId : null;
    const created = await this.store.get<Learner>(
      `INSERT INTO learners (zalo_user_id, zalo_app_user_id, last_interaction_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?) RETURNING *`,
      [zaloUserId, appId, times.at, times.now, times.now],
    );
    return created!;
  }

  /**
   * Holds the person's row until the transaction ends (shared store): their work on other connections
   * waits. Nothing to do on SQLite, whose transactions never overlap.
   */
  async lock(id: number): Promise<void> {
    if (this.store.shared) await this.store.run(`SELECT id FROM learners WHERE id = ? FOR UPDATE`, [id]);
  }

  byId(id: number): Promise<Learner | undefined> {
    return this.store.get<Learner>(`SELECT * FROM learners WHERE id = ?`, [id]);
  }

  byAppUserId(appUserId: string): Promise<Learner | undefined> {
    return this.store.get<Learner>(`SELECT * FROM learners WHERE zalo_app_user_id = ?`, [appUserId]);
  }

  /**
   * The Mini App signed someone in: find them by their app id, else create them. `confirmedOaUserId` is
   * an OA id Zalo itself vouched for: `graph`, Graph's `user_id_by_oa` for this person's own token (it
   * wins over an older pairing, see joinFromGraph); `confirmed`, OA user/detail confirming the app's
   * `idByOA` (app-api/oa-link-check.ts), or the simulator's own users in simulator mode. Only then is the
   * OA chat record joined, merged if both exist. A claim no one confirmed must never reach here — it
   * would hand someone else's progress to whoever knows their OA id.
   */
  async forAppUser(
    appUserId: string,
    confirmedOaUserId: string | undefined,
    displayName: string | undefined,
    vouchedBy: OaVouch = "confirmed",
  ): Promise<{ learner: Learner; created: boolean; join?: GraphJoin }> {
    const now = iso(this.clock.now());
    const join = !confirmedOaUserId
      ? undefined
      : vouchedBy === "graph"
        ? await joinFromGraph(this.store, this.clock, confirmedOaUserId, appUserId)
        : await joinIdentities(this.store, this.clock, confirmedOaUserId, appUserId);
    const found = await this.byAppUserId(appUserId);
    if (found) {
      const learner = await this.store.get<Learner>(
        `UPDATE learners SET display_name = COALESCE(display_name, ?) WHERE id = ? RETURNING *`,
        [displayName ?? null, found.id],
      );
      return { learner: learner!, created: false, join };
    }
    const oaId = confirmedOaUserId && !(await this.byZaloUserId(confirmedOaUserId)) ? confirmedOaUserId : null;
    const learner = await this.store.get<Learner>(
      `INSERT INTO learners (zalo_user_id, zalo_app_user_id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *`,
      [oaId, appUserId, displayName ?? null, now, now],
    );
    return { learner: learner!, created: true, join };
  }

  async update(id: number, changes: LearnerUpdate): Promise<Learner> {
    const now = iso(this.clock.now());
    const fields = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof LearnerUpdate, string | null][];
    // Field names come from the LearnerUpdate type, never from input.
    const sets = fields.map(([field]) => `${field} = ?`);
    if (changes.consent !== undefined) sets.push("consent_at = ?");
    const values = fields.map(([, value]) => (typeof value === "string" ? value.normalize("NFC") : value));
    if (changes.consent !== undefined) values.push(now);
    const learner = await this.store.get<Learner>(`UPDATE learners SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ? RETURNING *`, [
      ...values,
      now,
      id,
    ]);
    return learner!;
  }

  /** Records a consent choice; anything but "granted" clears what is kept only with it (learning/consent.ts). */
  setConsent(id: number, consent: "granted" | "declined" | null): Promise<Learner> {
    return this.update(id, consentChanges(consent));
  }

  /** "Không đồng ý", in the chat or the Mini App: the same stored state from either door. */
  declineConsent(id: number): Promise<Learner> {
    return this.setConsent(id, "declined");
  }

  /** First-touch attribution: the QR source and volunteer code of the first contact, kept once. */
  async recordFirstTouch(id: number, source: string | undefined, referrer: string | undefined): Promise<void> {
    if (!source && !referrer) return;
    await this.store.run(
      `UPDATE learners SET first_source = COALESCE(first_source, ?), referrer_code = COALESCE(referrer_code, ?) WHERE id = ?`,
      [source?.slice(0, 64) ?? null, referrer?.slice(0, 64) ?? null, id],
    );
  }

  async chatState<T>(id: number): Promise<T | null> {
    const raw = await this.store.value<string | null>(`SELECT chat_state FROM learners WHERE id = ?`, [id]);
    return raw ? (JSON.parse(raw) as T) : null;
  }

  async setChatState(id: number, state: unknown): Promise<void> {
    await this.store.run(`UPDATE learners SET chat_state = ? WHERE id = ?`, [state === null ? null : JSON.stringify(state), id]);
  }

  async setFollows(zaloUserId: string, follows: boolean): Promise<void> {
    await this.store.run(`UPDATE learners SET follows_oa = ?, updated_at = ? WHERE zalo_user_id = ?`, [follows ? 1 : 0, iso(this.clock.now()), zaloUserId]);
  }

  async markUnreachable(zaloUserId: string, reason: string): Promise<void> {
    const now = iso(this.clock.now());
    await this.store.run(`UPDATE learners SET unreachable_reason = ?, unreachable_at = ?, updated_at = ? WHERE zalo_user_id = ?`, [reason, now, now, zaloUserId]);
  }
}
