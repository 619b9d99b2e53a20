import type { Db } from "../db/open.js";
import { iso, type Clock } from "../clock.js";
import { outgoingMessageSchema, type OutgoingMessage } from "../zalo/messages.js";
import { splitText } from "../zalo/split-text.js";

export type MessageKind = "reply" | "reminder" | "tip" | "broadcast" | "system";

export interface OutboxRow {
  id: number;
  user_id: string;
  kind: MessageKind;
  message: string;
  status: "pending" | "sending" | "sent" | "failed" | "unreachable" | "cancelled";
  attempts: number;
  in_doubt: number;
  attempt_started_at: string | null;
  created_at: string;
}

export interface EnqueueOptions {
  kind: MessageKind;
  sourceEventId?: number;
  notBefore?: Date;
}

/**
 * Every outgoing message is a row here before any HTTP call. Rows are written inside the caller's
 * transaction (better-sqlite3 is synchronous), so "decided to reply" and "reply queued" commit together.
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Queues a message; a text over Zalo's limit becomes several rows, buttons on the last. */
  enqueue(userId: string, message: OutgoingMessage, options: EnqueueOptions): number[] {
    const parsed = outgoingMessageSchema.parse(normalize(message));
    const parts: OutgoingMessage[] =
      parsed.type === "text"
        ? splitText(parsed.text).map((text, i, all) =>
            i === all.length - 1 && parsed.buttons ? { type: "text", text, buttons: parsed.buttons } : { type: "text", text },
          )
        : [parsed];
    const now = iso(this.clock.now());
    const insert = this.db.prepare(
      `INSERT INTO outbox (user_id, kind, message, next_attempt_at, created_at, source_event_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const ids = parts.map(
      (part) =>
        Number(
          insert.run(userId, options.kind, JSON.stringify(part), options.notBefore ? iso(options.notBefore) : now, now, options.sourceEventId ?? null)
            .lastInsertRowid,
        ),
    );
    for (const listener of this.listeners) listener();
    return ids;
  }

  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Claims due rows for `owner`, oldest first, at most one unfinished row per person at a time so each
   * person gets messages in order. A 'sending' row whose lease ran out belonged to a process that died
   * mid-send: it is claimed again and marked in doubt.
   */
  claimDue(limit: number, owner: string, leaseMs: number): OutboxRow[] {
    const now = this.clock.now();
    const nowIso = iso(now);
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT o.* FROM outbox o
           WHERE ((o.status = 'pending' AND o.next_attempt_at <= @now) OR (o.status = 'sending' AND o.lease_until <= @now))
             AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.user_id = o.user_id AND p.id < o.id AND p.status IN ('pending', 'sending'))
           ORDER BY o.id LIMIT @limit`,
        )
        .all({ now: nowIso, limit }) as OutboxRow[];
      const claim = this.db.prepare(
        `UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?,
           in_doubt = CASE WHEN status = 'sending' THEN 1 ELSE in_doubt END
         WHERE id = ?`,
      );
      const until = iso(new Date(now.getTime() + leaseMs));
      for (const row of rows) {
        if (row.status === "sending") row.in_doubt = 1;
        claim.run(owner, until, row.id);
      }
      return rows;
    }).immediate();
  }

  /** A previous process died holding these leases (one dispatcher per database file). */
  releaseAbandoned(owner: string): number {
    return this.db
      .prepare(`UPDATE outbox SET lease_until = ?, in_doubt = 1 WHERE status = 'sending' AND (lease_owner IS NULL OR lease_owner != ?)`)
      .run(iso(this.clock.now()), owner).changes;
  }

  /** Recorded right before the HTTP call, so reconciliation knows from when to look. */
  markAttemptStarted(id: number): void {
    this.db
      .prepare(`UPDATE outbox SET attempts = attempts + 1, attempt_started_at = ? WHERE id = ?`)
      .run(iso(this.clock.now()), id);
  }

  markSent(id: number, zaloMessageId: string | undefined): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'sent', sent_at = ?, zalo_message_id = ?, lease_owner = NULL, lease_until = NULL,
           in_doubt = 0, last_error = NULL WHERE id = ?`,
      )
      .run(iso(this.clock.now()), zaloMessageId || null, id);
  }

  markRetry(id: number, error: string, nextAttemptAt: Date, inDoubt: boolean): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, in_doubt = ?, lease_owner = NULL,
           lease_until = NULL WHERE id = ?`,
      )
      .run(iso(nextAttemptAt), error, inDoubt ? 1 : 0, id);
  }

  markFailed(id: number, error: string): void {
    this.db
      .prepare(`UPDATE outbox SET status = 'failed', last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`)
      .run(error, id);
  }

  /** Zalo will not take messages for this person now: this row and their other queued rows stop. */
  markUnreachable(id: number, userId: string, reason: string): number {
    return this.db.transaction(() => {
      this.db
        .prepare(`UPDATE outbox SET status = 'unreachable', last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`)
        .run(reason, id);
      return this.db
        .prepare(`UPDATE outbox SET status = 'unreachable', last_error = ? WHERE user_id = ? AND status = 'pending'`)
        .run(`not sent: ${reason}`, userId).changes;
    })();
  }

  /** Delivery and read receipts from the webhook. */
  markReceipt(zaloMessageIds: string[], field: "delivered_at" | "seen_at", at: Date): number {
    const stmt = this.db.prepare(`UPDATE outbox SET ${field} = COALESCE(${field}, ?) WHERE zalo_message_id = ?`);
    let changed = 0;
    for (const mid of zaloMessageIds) changed += stmt.run(iso(at), mid).changes;
    return changed;
  }

  /** Drops queued non-reply messages for a person (e.g. they said "dừng", or deleted their data). */
  cancelPending(userId: string, kinds: MessageKind[]): number {
    const placeholders = kinds.map(() => "?").join(",");
    return this.db
      .prepare(`UPDATE outbox SET status = 'cancelled' WHERE user_id = ? AND status = 'pending' AND kind IN (${placeholders})`)
      .run(userId, ...kinds).changes;
  }

  counts(): Record<string, number> {
    const rows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Earliest time a pending row becomes due, to sleep until then. */
  nextDueAt(): Date | undefined {
    const at = this.db.prepare(`SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'`).pluck().get() as string | null;
    return at ? new Date(at) : undefined;
  }
}

function normalize(message: OutgoingMessage): OutgoingMessage {
  if (message.type === "text") return { ...message, text: message.text.normalize("NFC") };
  return message.caption ? { ...message, caption: message.caption.normalize("NFC") } : message;
}
