import { isUniqueViolation, type Store } from "../db/store.js";
import { addMs, iso, type Clock } from "../clock.js";
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
  /** When the first attempt that got no answer began (reconciliation looks for the message from there). */
  in_doubt_since: string | null;
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
 * transaction, so "decided to reply" and "reply queued" commit together.
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Queues a message; a text over Zalo's limit becomes several rows, buttons on the last. */
  async enqueue(userId: string, message: OutgoingMessage, options: EnqueueOptions): Promise<number[]> {
    const parsed = outgoingMessageSchema.parse(normalize(message));
    const parts: OutgoingMessage[] =
      parsed.type === "text"
        ? splitText(parsed.text).map((text, i, all) =>
            i === all.length - 1 && parsed.buttons ? { type: "text", text, buttons: parsed.buttons } : { type: "text", text },
          )
        : [parsed];
    const now = iso(this.clock.now());
    const ids: number[] = [];
    for (const part of parts) {
      const id = await this.store.value<number>(
        `INSERT INTO outbox (user_id, kind, message, next_attempt_at, created_at, source_event_id)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
        [userId, options.kind, JSON.stringify(part), options.notBefore ? iso(options.notBefore) : now, now, options.sourceEventId ?? null],
      );
      ids.push(id!);
    }
    for (const listener of this.listeners) listener();
    return ids;
  }

  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Claims due rows for `owner`, oldest first, at most one unfinished row per person at a time so each
   * person gets messages in order, across instances too. A 'sending' row whose lease ran out belonged to
   * a process that died mid-send: it is claimed again and marked in doubt. `inFlight`: rows this
   * dispatcher is sending right now; never reclaimed, however long their send takes (reclaiming one
   * would send it twice). On a shared store the rows read are locked until the claim commits, and rows
   * another instance is claiming are skipped.
   */
  async claimDue(limit: number, owner: string, leaseMs: number, inFlight: ReadonlySet<number> = new Set()): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const nowIso = iso(now);
    // Walks the queue in id order (index outbox_queue) and stops at `limit`: cost does not grow with
    // the backlog. The attempt is recorded in the same commit, before any HTTP call.
    const firstInLine = `NOT EXISTS (SELECT 1 FROM outbox p WHERE p.user_id = o.user_id AND p.status IN ('pending', 'sending') AND p.id < o.id)`;
    const lock = this.store.shared ? "FOR UPDATE SKIP LOCKED" : "";
    return this.store.transaction(
      async () => {
        // In-flight rows are left out here rather than in SQL: the statement's text stays the same.
        const expired = (
          await this.store.all<OutboxRow>(
            `SELECT o.* FROM outbox o INDEXED BY outbox_queue
             WHERE o.status = 'sending' AND o.lease_until <= @now AND ${firstInLine} ORDER BY o.id LIMIT @limit ${lock}`,
            { now: nowIso, limit: limit + inFlight.size },
          )
        )
          .filter((row) => !inFlight.has(row.id))
          .slice(0, limit);
        const due = await this.store.all<OutboxRow>(
          // INDEXED BY: left alone, SQLite picks outbox_due and sorts the whole backlog on every claim.
          `SELECT o.* FROM outbox o INDEXED BY outbox_queue
           WHERE o.status = 'pending' AND o.next_attempt_at <= @now AND ${firstInLine} ORDER BY o.id LIMIT @limit ${lock}`,
          { now: nowIso, limit: limit - expired.length },
        );
        const rows = [...expired, ...due];
        const until = iso(addMs(now, leaseMs));
        for (const row of rows) {
          // A lease that ran out: the attempt under it may have reached Zalo.
          if (row.status === "sending") {
            row.in_doubt = 1;
            row.in_doubt_since ??= row.attempt_started_at;
          }
          await this.store.run(
            `UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1, attempt_started_at = ?,
               in_doubt = CASE WHEN status = 'sending' THEN 1 ELSE in_doubt END,
               in_doubt_since = CASE WHEN status = 'sending' THEN COALESCE(in_doubt_since, attempt_started_at) ELSE in_doubt_since END
             WHERE id = ?`,
            [owner, until, nowIso, row.id],
          );
        }
        return rows;
      },
      { durable: true, isolation: "read committed" },
    );
  }

  /**
   * A previous process died holding these leases: they end now instead of when they run out. Where this
   * dispatcher is the store's one sender (SQLite), that is every lease not `owner`'s. On a shared store
   * a lease not ours may be a live instance's and is reclaimed only once it has run out, except those
   * of an earlier run of this same instance (`instanceId`: owners are `<instanceId>/<run>`).
   */
  async releaseAbandoned(owner: string, instanceId?: string): Promise<number> {
    if (this.store.shared && !instanceId) return 0;
    const mine = this.store.shared ? `AND substr(lease_owner, 1, ${instanceId!.length + 1}) = @prefix` : "";
    const { changes } = await this.store.run(
      `UPDATE outbox SET lease_until = @now, in_doubt = 1, in_doubt_since = COALESCE(in_doubt_since, attempt_started_at)
       WHERE status = 'sending' AND (lease_owner IS NULL OR lease_owner != @owner) ${mine}`,
      this.store.shared ? { now: iso(this.clock.now()), owner, prefix: `${instanceId}/` } : { now: iso(this.clock.now()), owner },
    );
    return changes;
  }

  /**
   * Marks the row sent with Zalo's id for the message. An id belongs to one row (a unique index): if
   * another row holds it already, nothing changes and false comes back.
   */
  async markSent(id: number, zaloMessageId: string | undefined): Promise<boolean> {
    try {
      // Its own (nested) transaction: on PostgreSQL a refused statement spoils the transaction around it.
      await this.store.transaction(() =>
        this.store.run(
          `UPDATE outbox SET status = 'sent', sent_at = ?, zalo_message_id = ?, lease_owner = NULL, lease_until = NULL,
             in_doubt = 0, in_doubt_since = NULL, last_error = NULL WHERE id = ?`,
          [iso(this.clock.now()), zaloMessageId || null, id],
        ),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** The row that holds this Zalo message id, if any. */
  holderOf(zaloMessageId: string): Promise<number | undefined> {
    return this.store.value<number>(`SELECT id FROM outbox WHERE zalo_message_id = ?`, [zaloMessageId]);
  }

  /**
   * Zalo answered row `id`'s send with an id another row holds. Zalo's answer names the message it just
   * took, so the other row got the id by a wrong adoption (reconciliation): the id moves to `id`, and the
   * other row stays 'sent' without it, with a note. The other row is not queued again: it is not known
   * that its own message was lost (an earlier copy may have arrived), and sending it now, after later
   * messages to the person, would be a late, out-of-order guess. Returns the other row's id.
   */
  takeMessageId(id: number, zaloMessageId: string): Promise<number | undefined> {
    return this.store.transaction(async () => {
      const holder = await this.holderOf(zaloMessageId);
      if (holder !== undefined && holder !== id) {
        await this.store.run(`UPDATE outbox SET zalo_message_id = NULL, last_error = ? WHERE id = ?`, [
          `its Zalo message id was row ${id}'s (a wrong adoption); whether its own message arrived is unknown`,
          holder,
        ]);
      }
      if (!(await this.markSent(id, zaloMessageId))) throw new Error(`outbox: Zalo message id still held after moving it to row ${id}`);
      return holder;
    });
  }

  /** Which of these Zalo message ids some row already holds. */
  async heldMessageIds(zaloMessageIds: string[]): Promise<Set<string>> {
    if (zaloMessageIds.length === 0) return new Set();
    const placeholders = zaloMessageIds.map(() => "?").join(",");
    return new Set(await this.store.column<string>(`SELECT zalo_message_id FROM outbox WHERE zalo_message_id IN (${placeholders})`, zaloMessageIds));
  }

  /** Zalo's history was read and lacks the message: the earlier silent attempts did not arrive. */
  async clearDoubt(id: number): Promise<void> {
    await this.store.run(`UPDATE outbox SET in_doubt = 0, in_doubt_since = NULL WHERE id = ?`, [id]);
  }

  /**
   * Back to the queue. `inDoubt`: this attempt got no answer, so Zalo may have the message. An attempt
   * that got a clear refusal leaves an earlier doubt standing (that earlier send may still have arrived).
   */
  async markRetry(id: number, error: string, nextAttemptAt: Date, inDoubt: boolean): Promise<void> {
    await this.store.run(
      `UPDATE outbox SET status = 'pending', next_attempt_at = @next, last_error = @error, lease_owner = NULL, lease_until = NULL,
         in_doubt = CASE WHEN @inDoubt = 1 THEN 1 ELSE in_doubt END,
         in_doubt_since = CASE WHEN @inDoubt = 1 THEN COALESCE(in_doubt_since, attempt_started_at) ELSE in_doubt_since END
       WHERE id = @id`,
      { next: iso(nextAttemptAt), error, inDoubt: inDoubt ? 1 : 0, id },
    );
  }

  markFailed(id: number, error: string): Promise<void> {
    return this.finish(id, "failed", error);
  }

  /**
   * A nudge (reminder, tip, broadcast) that did not go out because Zalo refuses the OA's paid messages:
   * the row ends `status`, and its send record goes in the same transaction, so it counts neither as the
   * person's one 48 h–7 d nudge nor toward the daily cap. Rows without a send record (replies) just end.
   */
  withdrawNudge(id: number, status: "failed" | "cancelled", reason: string): Promise<void> {
    return this.store.transaction(async () => {
      await this.finish(id, status, reason);
      await this.store.run(`DELETE FROM outreach_sends WHERE outbox_id = ?`, [id]);
    });
  }

  /** Zalo will not take messages for this person now: this row and their other queued rows stop. */
  markUnreachable(id: number, userId: string, reason: string): Promise<number> {
    return this.store.transaction(async () => {
      await this.finish(id, "unreachable", reason);
      const { changes } = await this.store.run(`UPDATE outbox SET status = 'unreachable', last_error = ? WHERE user_id = ? AND status = 'pending'`, [
        `not sent: ${reason}`,
        userId,
      ]);
      return changes;
    });
  }

  /** Ends a claimed row with `status`, recording why, and releases its lease. */
  private async finish(id: number, status: "failed" | "cancelled" | "unreachable", error: string): Promise<void> {
    await this.store.run(`UPDATE outbox SET status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`, [status, error, id]);
  }

  /** Delivery and read receipts from the webhook. */
  async markReceipt(zaloMessageIds: string[], field: "delivered_at" | "seen_at", at: Date): Promise<number> {
    let changed = 0;
    for (const mid of zaloMessageIds) {
      changed += (await this.store.run(`UPDATE outbox SET ${field} = COALESCE(${field}, ?) WHERE zalo_message_id = ?`, [iso(at), mid])).changes;
    }
    return changed;
  }

  /** Drops queued non-reply messages for a person (e.g. they said "dừng", or deleted their data). */
  async cancelPending(userId: string, kinds: MessageKind[]): Promise<number> {
    const placeholders = kinds.map(() => "?").join(",");
    const sql = `UPDATE outbox SET status = 'cancelled' WHERE user_id = ? AND status = 'pending' AND kind IN (${placeholders})`;
    return (await this.store.run(sql, [userId, ...kinds])).changes;
  }

  /** Drops queued messages of these kinds made before `createdBefore`: they would arrive too late. */
  async cancelStale(kinds: MessageKind[], createdBefore: Date, reason: string): Promise<number> {
    const placeholders = kinds.map(() => "?").join(",");
    const sql = `UPDATE outbox SET status = 'cancelled', last_error = ? WHERE status = 'pending' AND kind IN (${placeholders}) AND created_at <= ?`;
    return (await this.store.run(sql, [reason, ...kinds, iso(createdBefore)])).changes;
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.store.all<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Earliest time a pending row becomes due, to sleep until then. */
  async nextDueAt(): Promise<Date | undefined> {
    const at = await this.store.value<string | null>(`SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'`);
    return at ? new Date(at) : undefined;
  }
}

function normalize(message: OutgoingMessage): OutgoingMessage {
  if (message.type === "text") return { ...message, text: message.text.normalize("NFC") };
  return message.caption ? { ...message, caption: message.caption.normalize("NFC") } : message;
}
