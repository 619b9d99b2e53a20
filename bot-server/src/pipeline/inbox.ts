import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { dedupeKey, type EventKey } from "../zalo/events.js";
import { durably } from "../db/durable.js";
import { sql } from "../db/statements.js";
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
  private readonly insert;
  private readonly listeners = new Set<() => void>();
  private readonly batches = new TurnBatch((events: IncomingEvent[]) => this.storeAll(events));

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = sql(db, 
      `INSERT INTO inbox (dedupe_key, event_name, user_id, event_ts, raw, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
  }

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
  storeAll(events: readonly IncomingEvent[]): (number | null)[] {
    const ids = durably(this.db, () => events.map((e) => this.insertOne(e.event, e.raw)));
    if (ids.some((id) => id !== null)) for (const l of this.listeners) l();
    return ids;
  }

  private insertOne(event: EventKey, rawBody: string): number | null {
    const info = this.insert.run(
      dedupeKey(event, rawBody),
      event.name,
      event.userId ?? null,
      event.timestamp ?? null,
      rawBody,
      iso(this.clock.now()),
    );
    return info.changes === 0 ? null : Number(info.lastInsertRowid);
  }

  onStore(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pending(limit: number): InboxRow[] {
    return sql(this.db, `SELECT id, event_name, user_id, raw, attempts FROM inbox WHERE status = 'pending' ORDER BY id LIMIT ?`)
      .all(limit) as InboxRow[];
  }

  markDone(id: number): void {
    sql(this.db, `UPDATE inbox SET status = 'done', processed_at = ?, attempts = attempts + 1 WHERE id = ?`).run(iso(this.clock.now()), id);
  }

  markAttemptFailed(id: number, error: string, final: boolean): void {
    sql(this.db, `UPDATE inbox SET attempts = attempts + 1, last_error = ?, status = ?, processed_at = ? WHERE id = ?`)
      .run(error.slice(0, 2000), final ? "failed" : "pending", final ? iso(this.clock.now()) : null, id);
  }

  counts(): Record<string, number> {
    const rows = sql(this.db, `SELECT status, COUNT(*) AS n FROM inbox GROUP BY status`).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
