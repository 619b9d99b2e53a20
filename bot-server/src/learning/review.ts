import type { Store } from "../db/store.js";
import { addMs, iso, type Clock } from "../clock.js";

/** Days until a question comes back, by Leitner box; past the last box it counts as learned. */
const INTERVAL_DAYS = [1, 3, 7, 14, 30];
const DAY = 86_400_000;

/**
 * Spaced review of missed questions (what no national platform does): a missed question goes to box 1
 * and comes back tomorrow; each correct review moves it up a box and further out; a miss resets it.
 */
export class Review {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async record(learnerId: number, questionId: string, correct: boolean): Promise<void> {
    const now = this.clock.now();
    if (!correct) {
      await this.store.run(
        `INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (learner_id, question_id) DO UPDATE SET box = 1, due_at = excluded.due_at`,
        [learnerId, questionId, iso(addMs(now, INTERVAL_DAYS[0]! * DAY))],
      );
      return;
    }
    const current = await this.box(learnerId, questionId);
    if (current === undefined) return; // a question answered right first time needs no review
    const box = current + 1;
    if (box > INTERVAL_DAYS.length) {
      await this.store.run(`DELETE FROM review_items WHERE learner_id = ? AND question_id = ?`, [learnerId, questionId]);
      return;
    }
    await this.store.run(`UPDATE review_items SET box = ?, due_at = ? WHERE learner_id = ? AND question_id = ?`, [
      box,
      iso(addMs(now, INTERVAL_DAYS[box - 1]! * DAY)),
      learnerId,
      questionId,
    ]);
  }

  /** The most overdue question for the learner, if any is due. */
  due(learnerId: number): Promise<string | undefined> {
    return this.store.value<string>(`SELECT question_id FROM review_items WHERE learner_id = ? AND due_at <= ? ORDER BY due_at LIMIT 1`, [
      learnerId,
      iso(this.clock.now()),
    ]);
  }

  box(learnerId: number, questionId: string): Promise<number | undefined> {
    return this.store.value<number>(`SELECT box FROM review_items WHERE learner_id = ? AND question_id = ?`, [learnerId, questionId]);
  }
}
