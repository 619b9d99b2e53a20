import type { Logger } from "pino";
import { addMs, iso, type Clock } from "../clock.js";
import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";

/**
 * Things only an operator can fix. Stored in SQLite (table operator_alerts): the processing thread raises
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
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  /** True when the alert is new (and then logged once at error level). */
  raise(kind: AlertKind, message: string, lifetimeMs?: number): boolean {
    const now = this.clock.now();
    const raised = this.db.transaction(() => {
      const standing = sql(
        this.db,
        `UPDATE operator_alerts SET last_seen = @now, seen = seen + 1 WHERE kind = @kind AND (expires_at IS NULL OR expires_at > @now)`,
      ).run({ kind, now: iso(now) });
      if (standing.changes > 0) return false;
      sql(
        this.db,
        `INSERT OR REPLACE INTO operator_alerts (kind, message, since, last_seen, seen, expires_at) VALUES (?, ?, ?, ?, 1, ?)`,
      ).run(kind, message, iso(now), iso(now), lifetimeMs === undefined ? null : iso(addMs(now, lifetimeMs)));
      return true;
    })();
    if (raised) this.log?.error({ alert: kind }, `operator alert: ${message}`);
    return raised;
  }

  /** The cause is gone (e.g. a correctly signed event arrived). True if an alert stood. */
  clear(kind: AlertKind): boolean {
    const cleared = sql(this.db, `DELETE FROM operator_alerts WHERE kind = ?`).run(kind).changes > 0;
    if (cleared) this.log?.info({ alert: kind }, "operator alert cleared");
    return cleared;
  }

  active(kind: AlertKind): OperatorAlert | undefined {
    return sql(this.db, `SELECT kind, since, message FROM operator_alerts WHERE kind = ? AND (expires_at IS NULL OR expires_at > ?)`).get(
      kind,
      iso(this.clock.now()),
    ) as OperatorAlert | undefined;
  }

  /** True when an alert of any of these kinds stands (one query). */
  anyActive(kinds: readonly AlertKind[]): boolean {
    if (kinds.length === 0) return false;
    const placeholders = kinds.map(() => "?").join(",");
    return (
      sql(this.db, `SELECT 1 FROM operator_alerts WHERE kind IN (${placeholders}) AND (expires_at IS NULL OR expires_at > ?) LIMIT 1`).get(
        ...kinds,
        iso(this.clock.now()),
      ) !== undefined
    );
  }

  list(): OperatorAlert[] {
    return sql(this.db, `SELECT kind, since, message FROM operator_alerts WHERE expires_at IS NULL OR expires_at > ? ORDER BY since`).all(
      iso(this.clock.now()),
    ) as OperatorAlert[];
  }
}
