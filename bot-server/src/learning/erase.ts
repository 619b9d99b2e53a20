import type { Store } from "../db/store.js";

/**
 * Deletes everything held about one person at their request: the learner record with its progress,
 * attempts, reviews, certificate, sessions and outreach records (by cascade), the messages they sent us and the queued
 * or sent messages to them. Anonymous daily counts stay: no person can be found in them.
 */
export function eraseLearner(store: Store, learnerId: number): Promise<{ zaloUserId: string | null }> {
  return store.transaction(async () => {
    const zaloUserId = await store.value<string | null>(`SELECT zalo_user_id FROM learners WHERE id = ?`, [learnerId]);
    if (zaloUserId) {
      await store.run(`DELETE FROM inbox WHERE user_id = ? AND status != 'pending'`, [zaloUserId]);
      await store.run(`UPDATE outbox SET status = 'cancelled' WHERE user_id = ? AND status = 'pending'`, [zaloUserId]);
      await store.run(`UPDATE outbox SET message = '{"type":"text","text":"(đã xóa)"}' WHERE user_id = ? AND status != 'sending'`, [zaloUserId]);
    }
    await store.run(`DELETE FROM learners WHERE id = ?`, [learnerId]);
    return { zaloUserId: zaloUserId ?? null };
  });
}
