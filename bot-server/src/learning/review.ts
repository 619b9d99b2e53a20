import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";
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
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  record(learnerId: number, questionId: string, correct: boolean): void {
    const now = this.clock.now();
    const row = sql(this.db, `SELECT box FROM review_items WHERE learner_id = ? AND question_id = ?`).get(learnerId, questionId) as
      | { box: number }
      | undefined;
    if (!correct) {
      sql(
        this.db,
        `INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (learner_id, question_id) DO UPDATE SET box = 1, due_at = excluded.due_at`,
      ).run(learnerId, questionId, iso(addMs(now, INTERVAL_DAYS[0]! * DAY)));
      return;
    }
    if (!row) return; // a question answered right first time needs no review
    const box = row.box + 1;
    if (box > INTERVAL_DAYS.length) {
      sql(this.db, `DELETE FROM review_items WHERE learner_id = ? AND question_id = ?`).run(learnerId, questionId);
      return;
    }
    sql(this.db, `UPDATE review_items SET box = ?, due_at = ? WHERE learner_id = ? AND question_id = ?`).run(
      box,
      iso(addMs(now, INTERVAL_DAYS[box - 1]! * DAY)),
      learnerId,
      questionId,
    );
  }

  /** The most overdue question for the learner, if any is due. */
  due(learnerId: number): string | undefined {
    return sql(this.db, `SELECT question_id FROM review_items WHERE learner_id = ? AND due_at <= ? ORDER BY due_at LIMIT 1`)
      .pluck()
      .get(learnerId, iso(this.clock.now())) as string | undefined;
  }

  box(learnerId: number, questionId: string): number | undefined {
    return sql(this.db, `SELECT box FROM review_items WHERE learner_id = ? AND question_id = ?`).pluck().get(learnerId, questionId) as
      | number
      | undefined;
  }
}
