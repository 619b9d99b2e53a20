import type { Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";
import { dedupeKey, type EventKey } from "../zalo/events.js";
import { TurnBatch } from "./turn-batch.js";

/** A webhook event to store: its key (for recognising redeliveries) and the exact body Zalo signed. */
export interface IncomingEvent {
  event: EventKey;
  raw: string;
}

export interface InboxRow {
  id: number;
  event_name: string;
  user_id: string | null;
  raw: string;
  attempts: number;
}

/**
 * Durable store of webhook events: an event is a row before Zalo gets its 200. A redelivery of an
 * event we already have is recognised by its dedupe key and not stored again.
 */
export class Inbox {
  private readonly listeners = new Set<() => void>();
  private readonly batches = new TurnBatch((events: IncomingEvent[]) => this.storeAll(events));

  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores an event durably; resolves with the new row id, or null for a duplicate delivery. Events
   * arriving in the same turn of the event loop share one transaction — one fsync for the lot (group
   * commit) — and each request is answered only after that commit.
   */
  store(event: EventKey, raw: string): Promise<number | null> {
    return this.batches.add({ event, raw });
  }

  /**
   * Stores events durably in one transaction, now: ids in order, null for a redelivery. For a caller
   * that already holds a batch (the ingest thread receives them so).
   */
  async storeAll(events: readonly IncomingEvent[]): Promise<(number | null)[]> {
    const ids = await this.db.transaction(
      async () => {
        const stored: (number | null)[] = [];
        for (const e of events) stored.push(await this.insertOne(e.event, e.raw));
        return stored;
      },
      { durable: true },
    );
    if (ids.some((id) => id !== null)) for (const l of this.listeners) l();
    return ids;
  }

  private async insertOne(event: EventKey, rawBody: string): Promise<number | null> {
    const id = await this.db.value<number>(
      `INSERT INTO inbox (dedupe_key, event_name, user_id, event_ts, raw, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [dedupeKey(event, rawBody), event.name, event.userId ?? null, event.timestamp ?? null, rawBody, iso(this.clock.now())],
    );
    return id ?? null;
  }

  onStore(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Pending events to handle now, oldest first. On a shared store this runs in the handling
   * transaction and locks what it returns (other instances skip those rows until it commits), and an
   * event waits while an earlier one of the same person is pending: each person's events in order.
   */
  pending(limit: number): Promise<InboxRow[]> {
    if (!this.db.shared) {
      return this.db.all(`SELECT id, event_name, user_id, raw, attempts FROM inbox WHERE status = 'pending' ORDER BY id LIMIT ?`, [limit]);
    }
    return this.db.all(
      `SELECT i.id, i.event_name, i.user_id, i.raw, i.attempts FROM inbox i
       WHERE i.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.user_id = i.user_id AND e.status = 'pending' AND e.id < i.id)
       ORDER BY i.id LIMIT ? FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markDone(id: number): Promise<void> {
    await this.db.run(`UPDATE inbox SET status = 'done', processed_at = ?, attempts = attempts + 1 WHERE id = ?`, [iso(this.clock.now()), id]);
  }

  async markAttemptFailed(id: number, error: string, final: boolean): Promise<void> {
    await this.db.run(`UPDATE inbox SET attempts = attempts + 1, last_error = ?, status = ?, processed_at = ? WHERE id = ?`, [
      error.slice(0, 2000),
      final ? "failed" : "pending",
      final ? iso(this.clock.now()) : null,
      id,
    ]);
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.all<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM inbox GROUP BY status`);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
