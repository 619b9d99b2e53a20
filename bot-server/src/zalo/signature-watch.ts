import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { OperatorAlerts } from "../ops/alerts.js";

export interface SignatureWatchOptions {
  /** Bad signatures within `windowMs`, with no good one since, that raise the alert. */
  threshold: number;
  windowMs: number;
  /** At most one "bad signature" warning per this long (the rest are counted into the next one). */
  logEveryMs: number;
}

const DEFAULTS: SignatureWatchOptions = { threshold: 5, windowMs: 10 * 60_000, logEveryMs: 60_000 };

export const BAD_SIGNATURE_ALERT =
  "Webhook events keep failing the signature check (5 within 10 minutes, none valid since). " +
  "ZALO_OA_SECRET_KEY is probably not the OA Secret Key shown on the app's Webhook page at developers.zalo.me " +
  "(it is not the app secret). Zalo disables a webhook that keeps failing: fix the key and restart.";

/**
 * Watches webhook signatures in the HTTP thread: a wrong ZALO_OA_SECRET_KEY answers every real event
 * with 401. Memory only on the good path (a correct signature costs two field reads); the database is
 * written when the alert is raised or cleared. Raised at most once per window, and the warning lines are
 * rate-limited, so a flood of forged requests cannot flood the log.
 */
export class SignatureWatch {
  private readonly o: SignatureWatchOptions;
  /** Times of the latest bad signatures since the last good one (at most `threshold`). */
  private readonly bad: number[] = [];
  private alerting: boolean;
  private lastRaised = -Infinity;
  private lastWarned = -Infinity;
  private unlogged = 0;

  constructor(
    private readonly alerts: OperatorAlerts,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<SignatureWatchOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
    // An alert left by an earlier run clears with the first good event of this one.
    this.alerting = alerts.active("webhook_bad_signatures") !== undefined;
  }

  good(): void {
    if (this.bad.length > 0) this.bad.length = 0;
    if (this.alerting) {
      this.alerting = false;
      this.alerts.clear("webhook_bad_signatures");
    }
  }

  rejected(hasSignature: boolean): void {
    const now = this.clock.now().getTime();
    this.bad.push(now);
    if (this.bad.length > this.o.threshold) this.bad.shift();
    if (now - this.lastWarned >= this.o.logEveryMs) {
      this.log.warn({ hasSignature, alsoRejectedSinceLastWarning: this.unlogged }, "webhook: bad or missing signature");
      this.lastWarned = now;
      this.unlogged = 0;
    } else {
      this.unlogged++;
    }
    const burst = this.bad.length >= this.o.threshold && now - this.bad[0]! <= this.o.windowMs;
    if (burst && !this.alerting && now - this.lastRaised >= this.o.windowMs) {
      this.alerting = true;
      this.lastRaised = now;
      try {
        this.alerts.raise("webhook_bad_signatures", BAD_SIGNATURE_ALERT);
      } catch (err) {
        this.log.error({ err }, "webhook: could not store the bad-signature alert");
      }
    }
  }
}
