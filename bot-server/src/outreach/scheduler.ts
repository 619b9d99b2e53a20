import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { addMs, iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import type { WriterGate } from "../pipeline/store-gate.js";
import { isQuietTime, shiftTime, type LocalMoment } from "../local-time.js";
import type { Outreach } from "./outreach.js";
import { HARD_STOP_MS, type ProactiveResult, type Refusal } from "./proactive.js";
import { DEFAULT_TIP_TIME } from "./tips.js";

/** A missed minute (slow tick, restart) is caught up to this far back; older ones are let go. */
const CATCH_UP_MINUTES = 15;
/** A queued reminder or tip that has not left within this long is dropped rather than sent late. */
const STALE_AFTER_MS = 2 * 3_600_000;
/** Learners handled per transaction; the event loop gets a turn between batches (webhooks keep flowing). */
const BATCH = 250;
/** Sends under way at once on a shared store. */
const SHARED_LANES = 8;

export interface TickReport {
  day: string;
  from: string;
  to: string;
  reminders: Tally;
  tips: Tally;
  expired: number;
}

export interface Tally {
  sent: number;
  failed: number;
  refused: Partial<Record<Refusal, number>>;
}

// The minute's candidates come from an index on the chosen time; everything else that can be said in
// SQL is, so people who cannot be messaged today are never loaded. Proactive.send checks again, in
// the transaction that queues the message.
const DUE = `
  consent = 'granted' AND follows_oa = 1 AND unreachable_reason IS NULL AND zalo_user_id IS NOT NULL
  AND outreach_stopped_at IS NULL AND (outreach_snoozed_until IS NULL OR outreach_snoozed_until <= @now)
  AND last_interaction_at > @windowStart`;
export const REMINDERS_DUE = `
  SELECT id FROM learners INDEXED BY learners_reminder_time
  WHERE reminder_time BETWEEN @from AND @to AND ${DUE}
    AND NOT EXISTS (SELECT 1 FROM outreach_sends s WHERE s.learner_id = learners.id AND s.day = @day AND s.kind = 'reminder' AND s.slot = '')
  ORDER BY id`;
export const TIPS_DUE = `
  SELECT id FROM learners INDEXED BY learners_tip_time
  WHERE COALESCE(reminder_time, '${DEFAULT_TIP_TIME}') BETWEEN @from AND @to AND daily_tip = 1 AND ${DUE}
    AND NOT EXISTS (SELECT 1 FROM outreach_sends s WHERE s.learner_id = learners.id AND s.day = @day AND s.kind = 'tip' AND s.slot = '')
  ORDER BY id`;

/**
 * Reminders and daily tips, one tick a minute in the configured time zone. It runs where the outbox
 * writer runs (the processing thread). `tick(now)` is a plain method: tests drive it with a fake clock.
 * Running it twice for the same minute would be safe (each send is recorded per person and day, with a
 * unique key, in the same transaction as its outbox row), but it would be work done twice: on a shared
 * store the instance that records the minute first runs it, and the others skip it. The range each
 * instance covers starts after its own last tick, so a minute whose instance died is caught up later.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;
  private last: LocalMoment | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: Store;
      outreach: Outreach;
      clock: Clock;
      log: Logger;
      /** Busy while webhook events are being stored: a batch gives way to them (see InboxWorker). */
      storeGate?: WriterGate;
    },
    private readonly timeZone: string,
  ) {}

  start(): void {
    if (this.task) return;
    this.task = cron.createTask("* * * * *", () => this.tick(this.deps.clock.now()).then(() => undefined), {
      timezone: this.timeZone,
      name: "outreach-scheduler",
      noOverlap: true,
      logger: this.cronLogger(),
    });
    void this.task.start();
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    if (task) await task.destroy();
    await this.queue.catch(() => undefined);
  }

  /** node-cron's own messages (e.g. a missed minute) go to our log, not to the console. */
  private cronLogger() {
    const { log } = this.deps;
    return {
      info: (message: string) => log.debug(`scheduler: ${message}`),
      warn: (message: string) => log.warn(`scheduler: ${message}`),
      error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, "scheduler: cron error"),
      debug: (message: string | Error) => log.trace(`scheduler: ${String(message)}`),
    };
  }

  /** One minute's work. Ticks never overlap: a second call waits for the first. */
  tick(now: Date): Promise<TickReport | undefined> {
    const run = this.queue.then(() => this.run(now));
    this.queue = run.catch((err) => this.deps.log.error({ err }, "scheduler: tick failed"));
    return run;
  }

  /** Undefined: another instance has this minute. */
  private async run(now: Date): Promise<TickReport | undefined> {
    const { store, outreach, log } = this.deps;
    const moment = outreach.local.at(now);
    if (store.shared && !(await this.claimMinute(moment, now))) return undefined;
    const from = this.rangeStart(moment);
    this.last = moment;
    const report: TickReport = {
      day: moment.day,
      from,
      to: moment.time,
      reminders: { sent: 0, failed: 0, refused: {} },
      tips: { sent: 0, failed: 0, refused: {} },
      expired: await outreach.proactive.expireStale(now, STALE_AFTER_MS),
    };
    if (!isQuietTime(moment.time)) {
      const params = { from, to: moment.time, day: moment.day, now: iso(now), windowStart: iso(addMs(now, -HARD_STOP_MS)) };
      const reminderIds = await store.column<number>(REMINDERS_DUE, params);
      await this.inBatches(reminderIds, (id) => outreach.reminders.send(id), report.reminders);
      const tipIds = await store.column<number>(TIPS_DUE, params);
      await this.inBatches(tipIds, (id) => outreach.sendDailyTip(id), report.tips);
    }
    if (report.reminders.sent || report.tips.sent || report.expired) log.info(report, "scheduler: reminders and tips queued");
    return report;
  }

  /** Records the minute as this instance's; false when another instance recorded it first. */
  private async claimMinute(moment: LocalMoment, now: Date): Promise<boolean> {
    const { store } = this.deps;
    return store.transaction(async () => {
      const claimed = await store.run(`INSERT INTO scheduler_ticks (minute, started_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, [
        `${moment.day} ${moment.time}`,
        iso(now),
      ]);
      await store.run(`DELETE FROM scheduler_ticks WHERE started_at < ?`, [iso(addMs(now, -2 * 86_400_000))]);
      return claimed.changes === 1;
    });
  }

  /** From the minute after the previous tick (same day, at most CATCH_UP_MINUTES back) to now. */
  private rangeStart(now: LocalMoment): string {
    const earliest = shiftTime(now.time, -CATCH_UP_MINUTES);
    if (!this.last || this.last.day !== now.day || this.last.time >= now.time) return now.time;
    const next = shiftTime(this.last.time, 1);
    return next < earliest ? earliest : next;
  }

  private async inBatches(ids: number[], send: (id: number) => Promise<ProactiveResult>, tally: Tally): Promise<void> {
    const gate = this.deps.storeGate;
    let i = 0;
    while (i < ids.length) {
      if (gate?.busy()) await gate.clear();
      const end = Math.min(ids.length, i + BATCH);
      // On SQLite a batch shares one commit. On a shared store each send commits by itself, several at
      // once: a send mostly waits on the database, and each locks only its own person's row.
      const lane = async () => {
        do {
          const id = ids[i++]!;
          try {
            const result = await send(id);
            if (result.sent) tally.sent++;
            else tally.refused[result.reason] = (tally.refused[result.reason] ?? 0) + 1;
          } catch (err) {
            // One person's failure (rolled back to its savepoint) must not cost the others their message.
            tally.failed++;
            this.deps.log.error({ err, learnerId: id }, "scheduler: could not queue a message");
          }
          // A batch holds the write lock: it ends early when webhook events are waiting for it.
        } while (i < end && !gate?.busy());
      };
      const { store } = this.deps;
      const lanes = gate?.busy() ? 1 : Math.min(SHARED_LANES, end - i);
      await (store.shared ? Promise.all(Array.from({ length: lanes }, lane)) : store.transaction(lane));
      await new Promise((r) => setImmediate(r));
    }
  }
}
