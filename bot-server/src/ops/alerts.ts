import type { Logger } from "pino";
import { addMs, iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";

/**
 * Things only an operator can fix. Stored in the database (table operator_alerts): the processing thread raises
 * some, the HTTP thread others, and /healthz (HTTP thread) shows them all.
 */
export type AlertKind =
  /** Zalo refused a paid message for the OA's account (-320/-321: no Zalo Cloud account, or no balance). */
  | "zalo_paid_feature"
  /** Zalo refused a message because the OA is not verified (-221): replies may be refused too. */
  | "zalo_oa_not_verified"
  /** Webhook events keep failing the signature check: Zalo disables a webhook that keeps failing. */
  | "webhook_bad_signatures";

export interface OperatorAlert {
  kind: AlertKind;
  since: string;
  message: string;
}

/**
 * One alert per kind. Raising one that stands only counts it (no new log line), so a cause that repeats
 * for every message is logged once. An alert with a lifetime expires by itself: the cause is checked
 * again after that (and raised again, once, if it is still there).
 */
export class OperatorAlerts {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  /** True when the alert is new (and then logged once at error level). */
  async raise(kind: AlertKind, message: string, lifetimeMs?: number): Promise<boolean> {
    const now = this.clock.now();
    // One statement, so that senders raising the same alert at once (threads, instances) count it
    // once: a standing alert is counted, an expired one replaced. SET reads the row as it was.
    const standing = `(operator_alerts.expires_at IS NULL OR operator_alerts.expires_at > @now)`;
    const seen = await this.store.value<number>(
      `INSERT INTO operator_alerts (kind, message, since, last_seen, seen, expires_at) VALUES (@kind, @message, @now, @now, 1, @expires)
       ON CONFLICT (kind) DO UPDATE SET
         message = CASE WHEN ${standing} THEN operator_alerts.message ELSE excluded.message END,
         since = CASE WHEN ${standing} THEN operator_alerts.since ELSE excluded.since END,
         expires_at = CASE WHEN ${standing} THEN operator_alerts.expires_at ELSE excluded.expires_at END,
         seen = CASE WHEN ${standing} THEN operator_alerts.seen + 1 ELSE 1 END,
         last_seen = excluded.last_seen
       RETURNING seen`,
      { kind, message, now: iso(now), expires: lifetimeMs === undefined ? null : iso(addMs(now, lifetimeMs)) },
    );
    const raised = seen === 1;
    if (raised) this.log?.error({ alert: kind }, `operator alert: ${message}`);
    return raised;
  }

  /** The cause is gone (e.g. a correctly signed event arrived). True if an alert stood. */
  async clear(kind: AlertKind): Promise<boolean> {
    const cleared = (await this.store.run(`DELETE FROM operator_alerts WHERE kind = ?`, [kind])).changes > 0;
    if (cleared) this.log?.info({ alert: kind }, "operator alert cleared");
    return cleared;
  }

  active(kind: AlertKind): Promise<OperatorAlert | undefined> {
    return this.store.get<OperatorAlert>(`SELECT kind, since, message FROM operator_alerts WHERE kind = ? AND (expires_at IS NULL OR expires_at > ?)`, [
      kind,
      iso(this.clock.now()),
    ]);
  }

  /** True when an alert of any of these kinds stands (one query). */
  async anyActive(kinds: readonly AlertKind[]): Promise<boolean> {
    if (kinds.length === 0) return false;
    const placeholders = kinds.map(() => "?").join(",");
    const sql = `SELECT 1 FROM operator_alerts WHERE kind IN (${placeholders}) AND (expires_at IS NULL OR expires_at > ?) LIMIT 1`;
    return (await this.store.value(sql, [...kinds, iso(this.clock.now())])) !== undefined;
  }

  list(): Promise<OperatorAlert[]> {
    return this.store.all<OperatorAlert>(`SELECT kind, since, message FROM operator_alerts WHERE expires_at IS NULL OR expires_at > ? ORDER BY since`, [
      iso(this.clock.now()),
    ]);
  }
}
