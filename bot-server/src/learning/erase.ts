import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";

/**
 * Deletes everything held about one person at their request: the learner record with its progress,
 * attempts, reviews, certificate, sessions and outreach records (by cascade), the messages they sent us and the queued
 * or sent messages to them. Anonymous daily counts stay: no person can be found in them.
 */
export function eraseLearner(db: Db, learnerId: number): { zaloUserId: string | null } {
  return db.transaction(() => {
    const zaloUserId = sql(db, `SELECT zalo_user_id FROM learners WHERE id = ?`).pluck().get(learnerId) as string | null | undefined;
    if (zaloUserId) {
      sql(db, `DELETE FROM inbox WHERE user_id = ? AND status != 'pending'`).run(zaloUserId);
      sql(db, `UPDATE outbox SET status = 'cancelled' WHERE user_id = ? AND status = 'pending'`).run(zaloUserId);
      sql(db, `UPDATE outbox SET message = '{"type":"text","text":"(đã xóa)"}' WHERE user_id = ? AND status != 'sending'`).run(zaloUserId);
    }
    sql(db, `DELETE FROM learners WHERE id = ?`).run(learnerId);
    return { zaloUserId: zaloUserId ?? null };
  })();
}
