import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { sql } from "../db/statements.js";

export interface Learner {
  id: number;
  zalo_user_id: string | null;
  zalo_app_user_id: string | null;
  display_name: string | null;
  follows_oa: number;
  last_interaction_at: string | null;
  unreachable_reason: string | null;
  created_at: string;
}

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
   * messaging window runs from here) and that they are reachable again.
   */
  touch(zaloUserId: string, at: Date, appUserId?: string): Learner {
    const now = iso(this.clock.now());
    const existing = this.byZaloUserId(zaloUserId);
    if (!existing) {
      // The Mini App may have met this person first (same user_id_by_app): link instead of duplicating.
      const viaApp = appUserId
        ? (sql(this.db, `SELECT * FROM learners WHERE zalo_app_user_id = ? AND zalo_user_id IS NULL`).get(appUserId) as Learner | undefined)
        : undefined;
      if (viaApp) {
        sql(this.db, `UPDATE learners SET zalo_user_id = ?, last_interaction_at = ?, updated_at = ? WHERE id = ?`)
          .run(zaloUserId, iso(at), now, viaApp.id);
      } else {
        sql(this.db, 
            `INSERT INTO learners (zalo_user_id, zalo_app_user_id, last_interaction_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?)`,
          )
          .run(zaloUserId, appUserId ?? null, iso(at), now, now);
      }
    } else {
      sql(this.db, 
          `UPDATE learners SET last_interaction_at = MAX(COALESCE(last_interaction_at, ''), ?),
             zalo_app_user_id = COALESCE(zalo_app_user_id, ?), unreachable_reason = NULL, unreachable_at = NULL,
             updated_at = ? WHERE id = ?`,
        )
        .run(iso(at), appUserId ?? null, now, existing.id);
    }
    return this.byZaloUserId(zaloUserId)!;
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
