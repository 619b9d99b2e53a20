import { addMs, iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import type { Outbox } from "../pipeline/outbox.js";
import { PROACTIVE_KINDS } from "./proactive.js";

export const SNOOZE_DAYS = 3;

export interface OutreachSettings {
  reminderTime: string | null;
  stopped: boolean;
  snoozedUntil: Date | null;
  dailyTip: boolean;
}

/**
 * What a person asked for about messages they did not request: stop, resume, snooze, the daily tip.
 * Stopping also drops what is already queued, so "dừng" means nothing more arrives, not "after these".
 */
export class OutreachPreferences {
  constructor(
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async get(learnerId: number): Promise<OutreachSettings> {
    const row = await this.store.get<{ reminder_time: string | null; outreach_stopped_at: string | null; outreach_snoozed_until: string | null; daily_tip: number }>(
      `SELECT reminder_time, outreach_stopped_at, outreach_snoozed_until, daily_tip FROM learners WHERE id = ?`,
      [learnerId],
    );
    const snoozed = row?.outreach_snoozed_until && row.outreach_snoozed_until > iso(this.clock.now()) ? new Date(row.outreach_snoozed_until) : null;
    return {
      reminderTime: row?.reminder_time ?? null,
      stopped: Boolean(row?.outreach_stopped_at),
      snoozedUntil: snoozed,
      dailyTip: row?.daily_tip === 1,
    };
  }

  /** "dừng": nothing but replies from now on; returns how many queued messages were dropped. */
  async stop(learnerId: number, zaloUserId: string): Promise<number> {
    await this.store.run(`UPDATE learners SET outreach_stopped_at = COALESCE(outreach_stopped_at, ?) WHERE id = ?`, [iso(this.clock.now()), learnerId]);
    return this.outbox.cancelPending(zaloUserId, PROACTIVE_KINDS);
  }

  /** "tiếp tục": lifts a stop and a snooze. Returns whether anything was paused. */
  async resume(learnerId: number): Promise<boolean> {
    const before = await this.get(learnerId);
    await this.store.run(`UPDATE learners SET outreach_stopped_at = NULL, outreach_snoozed_until = NULL WHERE id = ?`, [learnerId]);
    return before.stopped || before.snoozedUntil !== null;
  }

  /** "bận": no reminder or tip for a few days; what is queued now is dropped too. */
  async snooze(learnerId: number, zaloUserId: string, days = SNOOZE_DAYS): Promise<Date> {
    const until = addMs(this.clock.now(), days * 86_400_000);
    await this.store.run(`UPDATE learners SET outreach_snoozed_until = ? WHERE id = ?`, [iso(until), learnerId]);
    await this.outbox.cancelPending(zaloUserId, PROACTIVE_KINDS);
    return until;
  }

  async setDailyTip(learnerId: number, on: boolean): Promise<void> {
    await this.store.run(`UPDATE learners SET daily_tip = ? WHERE id = ?`, [on ? 1 : 0, learnerId]);
  }
}
