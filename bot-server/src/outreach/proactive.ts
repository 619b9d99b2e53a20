import { addMs, iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import type { OutgoingMessage } from "../zalo/messages.js";
import { isQuietTime, type LocalClock } from "../local-time.js";
import type { Outbox } from "../pipeline/outbox.js";
import type { AlertKind, OperatorAlerts } from "../ops/alerts.js";

/** Messages nobody asked for just now: they need a free Zalo window, the person's wish and room in the cap. */
export type ProactiveKind = "reminder" | "tip" | "broadcast";
export const PROACTIVE_KINDS: ProactiveKind[] = ["reminder", "tip", "broadcast"];

function isProactiveKind(kind: string): kind is ProactiveKind {
  return (PROACTIVE_KINDS as string[]).includes(kind);
}

const HOUR = 3_600_000;
/** Zalo: free messages within 48 h of the person's last interaction; billable until 7 days; then -230. */
export const FREE_WINDOW_MS = 48 * HOUR;
/** A little short of 7 days: the message still has to leave the outbox before the window shuts. */
export const HARD_STOP_MS = 7 * 24 * HOUR - HOUR;

/** Alerts under which Zalo refuses the OA's paid messages: while one stands, 48 h–7 d nudges wait. */
export const PAID_WINDOW_ALERTS: AlertKind[] = ["zalo_paid_feature", "zalo_oa_not_verified"];

export type Refusal =
  | "unknown"
  | "no-consent"
  | "not-following"
  | "unreachable"
  | "stopped"
  | "snoozed"
  | "quiet-hours"
  | "window-closed"
  | "nudge-used"
  | "paid-window-off"
  | "cap"
  | "already-sent"
  | "nothing-to-send"
  | "backoff";

export type ProactiveResult = { sent: true; outboxIds: number[] } | { sent: false; reason: Refusal };

/** The learner fields every rule reads. */
export interface ProactiveLearner {
  id: number;
  zalo_user_id: string | null;
  consent: string | null;
  follows_oa: number;
  unreachable_reason: string | null;
  last_interaction_at: string | null;
  reminder_time: string | null;
  outreach_stopped_at: string | null;
  outreach_snoozed_until: string | null;
  daily_tip: number;
}

class AlreadySent extends Error {}

/**
 * The one door for every non-reply message (reminders, tips, volunteers' broadcasts): checks the
 * person's wishes, quiet hours, Zalo's window and the per-person daily cap, then records the send and
 * queues the outbox row in one transaction. Two ticks racing for the same slot queue it once.
 */
export class Proactive {
  constructor(
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly local: LocalClock,
    readonly dailyCap: number,
    private readonly alerts: OperatorAlerts,
  ) {}

  /** The learner's fields; in `send`, on a shared store, their row stays locked to the commit (the cap). */
  learner(learnerId: number, lock = false): Promise<ProactiveLearner | undefined> {
    return this.store.get<ProactiveLearner>(
      `SELECT id, zalo_user_id, consent, follows_oa, unreachable_reason, last_interaction_at, reminder_time,
         outreach_stopped_at, outreach_snoozed_until, daily_tip FROM learners WHERE id = ? ${lock && this.store.shared ? "FOR UPDATE" : ""}`,
      [learnerId],
    );
  }

  /**
   * Sends `kind` to the learner unless a rule forbids it now. `slot` tells sends of one kind on one
   * day apart ('' for the daily reminder and tip: at most one each). `build` runs inside the
   * transaction, after the checks; returning null sends nothing. `also` adds a rule of the sender's own
   * (the reminders' backoff).
   */
  async send(
    learnerId: number,
    kind: ProactiveKind,
    slot: string,
    build: (learner: ProactiveLearner) => Promise<OutgoingMessage | null>,
    also?: (learner: ProactiveLearner) => Promise<Refusal | undefined>,
  ): Promise<ProactiveResult> {
    try {
      return await this.store.transaction(async (): Promise<ProactiveResult> => {
        const learner = await this.learner(learnerId, true);
        if (!learner?.zalo_user_id) return { sent: false, reason: "unknown" };
        const now = this.clock.now();
        const { day } = this.local.at(now);
        const refusal = (await this.refusal(learner, now)) ?? (await also?.(learner)) ?? (await this.capRefusal(learnerId, kind, slot, day));
        if (refusal) return { sent: false, reason: refusal };
        const message = await build(learner);
        if (!message) return { sent: false, reason: "nothing-to-send" };
        const sendId = await this.store.value<number>(
          `INSERT INTO outreach_sends (learner_id, day, kind, slot, queued_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
          [learnerId, day, kind, slot, iso(now)],
        );
        if (sendId === undefined) throw new AlreadySent();
        const outboxIds = await this.outbox.enqueue(learner.zalo_user_id, message, { kind });
        await this.store.run(`UPDATE outreach_sends SET outbox_id = ? WHERE id = ?`, [outboxIds[0] ?? null, sendId]);
        return { sent: true, outboxIds };
      });
    } catch (err) {
      // Undoes whatever `build` wrote (e.g. a review token) along with the send.
      if (err instanceof AlreadySent) return { sent: false, reason: "already-sent" };
      throw err;
    }
  }

  /** Why this person may not get a non-reply message now, whatever its kind; undefined if they may. */
  async refusal(learner: ProactiveLearner, now: Date): Promise<Refusal | undefined> {
    if (learner.consent !== "granted") return "no-consent";
    if (!learner.follows_oa) return "not-following";
    if (learner.unreachable_reason) return "unreachable";
    if (learner.outreach_stopped_at) return "stopped";
    if (learner.outreach_snoozed_until && learner.outreach_snoozed_until > iso(now)) return "snoozed";
    if (isQuietTime(this.local.at(now).time)) return "quiet-hours";
    const last = learner.last_interaction_at ? Date.parse(learner.last_interaction_at) : NaN;
    const age = now.getTime() - last;
    if (!(age <= HARD_STOP_MS)) return "window-closed";
    if (age > FREE_WINDOW_MS) {
      // Zalo refuses paid messages for the OA (operator alert): nobody gets one until it clears.
      if (await this.paidWindowOff()) return "paid-window-off";
      // Between 48 h and 7 days a message costs the OA and may be unwelcome: one nudge, then silence.
      if ((await this.sentSince(learner.id, learner.last_interaction_at!)) > 0) return "nudge-used";
    }
    return undefined;
  }

  /** Zalo refuses the OA's paid messages for now (operator alert): no 48 h–7 d nudge goes. */
  paidWindowOff(): Promise<boolean> {
    return this.alerts.anyActive(PAID_WINDOW_ALERTS);
  }

  /**
   * A queued row that must be dropped at send time: a nudge that would now fall in the paid window
   * while Zalo refuses those (it was queued before the alert, or the person has been silent since).
   */
  async holdBackAtSend(kind: string, zaloUserId: string): Promise<boolean> {
    // Cheapest first, as this runs before every send: replies are out with no query, then the alert
    // (one query, rarely standing), and only then the person's last interaction.
    return isProactiveKind(kind) && (await this.paidWindowOff()) && (await this.needsPaidWindow(kind, zaloUserId));
  }

  /** A non-reply message to this person now would fall in Zalo's paid window (48 h to 7 days). */
  async needsPaidWindow(kind: string, zaloUserId: string): Promise<boolean> {
    if (!isProactiveKind(kind)) return false;
    const last = await this.store.value<string | null>(`SELECT last_interaction_at FROM learners WHERE zalo_user_id = ?`, [zaloUserId]);
    return !last || this.clock.now().getTime() - Date.parse(last) > FREE_WINDOW_MS;
  }

  /** Non-reply messages queued for the person today (local day). */
  sentToday(learnerId: number): Promise<number> {
    return this.countOn(learnerId, this.local.at(this.clock.now()).day);
  }

  /**
   * A queued reminder or tip that has not left by now is stale: at night, or hours late after a Zalo
   * outage, it would arrive when nobody wants it. Replies are never touched.
   */
  expireStale(now: Date, maxAgeMs: number): Promise<number> {
    const quiet = isQuietTime(this.local.at(now).time);
    const cutoff = quiet ? now : addMs(now, -maxAgeMs);
    return this.outbox.cancelStale(PROACTIVE_KINDS, cutoff, "not sent in time (quiet hours or too late)");
  }

  private async countOn(learnerId: number, day: string): Promise<number> {
    return (await this.store.value<number>(`SELECT COUNT(*) FROM outreach_sends WHERE learner_id = ? AND day = ?`, [learnerId, day]))!;
  }

  /** Non-reply messages of a kind (or any) queued at or after a moment, e.g. the last interaction. */
  async sentSince(learnerId: number, since: string, kind?: ProactiveKind): Promise<number> {
    const n = await this.store.value<number>(
      `SELECT COUNT(*) FROM outreach_sends WHERE learner_id = @learnerId AND queued_at >= @since AND (CAST(@kind AS TEXT) IS NULL OR kind = @kind)`,
      { learnerId, since, kind: kind ?? null },
    );
    return n!;
  }

  /** When the last message of a kind was queued for the person. */
  async lastSent(learnerId: number, kind: ProactiveKind): Promise<string | undefined> {
    return (await this.store.value<string | null>(`SELECT MAX(queued_at) FROM outreach_sends WHERE learner_id = ? AND kind = ?`, [learnerId, kind])) ?? undefined;
  }

  private async capRefusal(learnerId: number, kind: ProactiveKind, slot: string, day: string): Promise<Refusal | undefined> {
    const done = await this.store.value(`SELECT 1 FROM outreach_sends WHERE learner_id = ? AND day = ? AND kind = ? AND slot = ?`, [
      learnerId,
      day,
      kind,
      slot,
    ]);
    if (done) return "already-sent";
    return (await this.countOn(learnerId, day)) >= this.dailyCap ? "cap" : undefined;
  }
}
