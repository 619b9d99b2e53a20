import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { dedupeKey, type ZaloEvent } from "./events.js";

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

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO inbox (dedupe_key, event_name, user_id, event_ts, raw, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
  }

  /** Returns the new row id, or null for a duplicate delivery. */
  store(event: ZaloEvent, rawBody: string): number | null {
    const info = this.insert.run(
      dedupeKey(event, rawBody),
      event.name,
      event.userId ?? null,
      event.timestamp ?? null,
      rawBody,
      iso(this.clock.now()),
    );
    if (info.changes === 0) return null;
    for (const l of this.listeners) l();
    return Number(info.lastInsertRowid);
  }

  onStore(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pending(limit: number): InboxRow[] {
    return this.db
      .prepare(`SELECT id, event_name, user_id, raw, attempts FROM inbox WHERE status = 'pending' ORDER BY id LIMIT ?`)
      .all(limit) as InboxRow[];
  }

  markDone(id: number): void {
    this.db.prepare(`UPDATE inbox SET status = 'done', processed_at = ?, attempts = attempts + 1 WHERE id = ?`).run(iso(this.clock.now()), id);
  }

  markAttemptFailed(id: number, error: string, final: boolean): void {
    this.db
      .prepare(`UPDATE inbox SET attempts = attempts + 1, last_error = ?, status = ?, processed_at = ? WHERE id = ?`)
      .run(error.slice(0, 2000), final ? "failed" : "pending", final ? iso(this.clock.now()) : null, id);
  }

  counts(): Record<string, number> {
    const rows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM inbox GROUP BY status`).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
