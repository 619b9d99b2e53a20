import { renderTip, type Tip } from "../../../content/src/index.js";
import { iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import type { Random } from "../learning/draw.js";
import type { Button } from "../zalo/messages.js";
import { choiceButtons, choiceText } from "../chat/choice-message.js";

/** The daily tip goes at the learner's reminder time, or at this time without one (index learners_tip_time). */
export const DEFAULT_TIP_TIME = "09:00";

export const TIP_MORE = "#tip:more";
export const TIP_OK = "#tip:ok";
export const tipCheckPrefix = (tipId: string) => `#tipcheck:${tipId}`;

/**
 * Scam tips without repeats: each person works through the whole pool in random order, then starts a
 * new round that does not open with the tip they just had. Without consent nothing is remembered and
 * the tip is simply random.
 */
export class TipPool {
  private readonly byId: Map<string, Tip>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly tips: readonly Tip[],
    private readonly random: Random = Math.random,
  ) {
    this.byId = new Map(tips.map((t) => [t.id, t]));
  }

  get(id: string): Tip | undefined {
    return this.byId.get(id);
  }

  async next(learnerId: number, remember: boolean): Promise<Tip | undefined> {
    if (!remember) return this.pick(this.tips);
    const seen = new Set(await this.store.column<string>(`SELECT tip_id FROM tips_seen WHERE learner_id = ?`, [learnerId]));
    let candidates = this.tips.filter((t) => !seen.has(t.id));
    if (candidates.length === 0) {
      // Tips seen in the same millisecond: the later insert (SQLite's rowid, PostgreSQL's seq).
      const order = this.store.dialect === "postgres" ? "seq" : "rowid";
      const last = await this.store.value<string>(`SELECT tip_id FROM tips_seen WHERE learner_id = ? ORDER BY seen_at DESC, ${order} DESC LIMIT 1`, [
        learnerId,
      ]);
      await this.store.run(`DELETE FROM tips_seen WHERE learner_id = ?`, [learnerId]);
      candidates = this.tips.filter((t) => t.id !== last);
      if (candidates.length === 0) candidates = [...this.tips];
    }
    const tip = this.pick(candidates);
    if (tip) {
      await this.store.run(`INSERT INTO tips_seen (learner_id, tip_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [
        learnerId,
        tip.id,
        iso(this.clock.now()),
      ]);
    }
    return tip;
  }

  private pick(from: readonly Tip[]): Tip | undefined {
    return from[Math.floor(this.random() * from.length)];
  }
}

/** A tip as one chat message; with its check question and four answer buttons when it has one. */
export function tipMessage(tip: Tip, heading: string): { type: "text"; text: string; buttons: Button[] } {
  const body = `${heading}\n\n${renderTip(tip)}`;
  if (tip.check) {
    return {
      type: "text",
      text: `${body}\n\nBạn thử trả lời câu này nhé:\n${choiceText(tip.check)}`,
      buttons: choiceButtons(tip.check.options, tipCheckPrefix(tip.id)),
    };
  }
  return {
    type: "text",
    text: body,
    buttons: [
      { type: "query", title: "Thêm một mẹo", payload: TIP_MORE },
      { type: "query", title: "Đã hiểu 👍", payload: TIP_OK },
    ],
  };
}
