import { iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import { buttonToken } from "../learning/ids.js";

export type PromptAnswer =
  | { status: "recorded"; questionId: string; chosen: number }
  | { status: "already-answered"; questionId: string; chosen: number }
  | { status: "unknown" };

interface Row {
  learner_id: number;
  question_id: string;
  chosen: number | null;
}

/**
 * A due review question carried by a reminder. Its answer buttons hold an unguessable token, so only
 * the person it was sent to can answer, once; an old or forged button changes nothing.
 */
export class ReviewPrompts {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** A new prompt makes the person's earlier ones stale: only the latest question can be answered. */
  async create(learnerId: number, questionId: string): Promise<string> {
    const token = buttonToken();
    await this.store.run(`DELETE FROM review_prompts WHERE learner_id = ?`, [learnerId]);
    await this.store.run(`INSERT INTO review_prompts (token, learner_id, question_id, created_at) VALUES (?, ?, ?, ?)`, [
      token,
      learnerId,
      questionId,
      iso(this.clock.now()),
    ]);
    return token;
  }

  /** Records the first answer to the prompt; a token of someone else's prompt reads as unknown. */
  async answer(token: string, learnerId: number, chosen: number): Promise<PromptAnswer> {
    const row = await this.store.get<Row>(`SELECT learner_id, question_id, chosen FROM review_prompts WHERE token = ?`, [token]);
    if (!row || row.learner_id !== learnerId) return { status: "unknown" };
    if (row.chosen !== null) return { status: "already-answered", questionId: row.question_id, chosen: row.chosen };
    await this.store.run(`UPDATE review_prompts SET chosen = ?, answered_at = ? WHERE token = ? AND chosen IS NULL`, [
      chosen,
      iso(this.clock.now()),
      token,
    ]);
    return { status: "recorded", questionId: row.question_id, chosen };
  }
}
