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
  `Webhook events for our app keep failing the signature check (${DEFAULTS.threshold} signed ones within ${DEFAULTS.windowMs / 60_000} minutes, none valid since). ` +
  "Most likely ZALO_OA_SECRET_KEY is not the OA Secret Key shown on the app's Webhook page at developers.zalo.me " +
  "(it is not the app secret): Zalo disables a webhook that keeps failing, so fix the key and restart. " +
  "They can also be forged requests from someone who knows the webhook address: if the key is right, this alert " +
  "changes nothing (they are refused with 401) and clears with the next real event.";

/** What a rejected request carried, to tell a wrong key (Zalo's own events fail) from anyone's noise. */
export interface RejectedRequest {
  /** It had an X-ZEvent-Signature header (Zalo signs every event; a bare POST has none). */
  signed: boolean;
  /** Its body's app_id is our ZALO_APP_ID (or no app id is configured to compare with). */
  forOurApp: boolean;
}

/**
 * Watches webhook signatures in the HTTP thread: a wrong ZALO_OA_SECRET_KEY answers every real event
 * with 401. Memory only on the good path (a correct signature costs two field reads); the database is
 * written when the alert is raised or cleared. Raised at most once per window, and the warning lines are
 * rate-limited, so a flood of forged requests cannot flood the log. Only requests that look like Zalo's
 * (signed, for our app id) count toward the alert: unsigned POSTs from anyone cannot raise it.
 */
export class SignatureWatch {
  private readonly o: SignatureWatchOptions;
  /** Times of the latest bad signatures since the last good one (at most `threshold`). */
  private readonly bad: number[] = [];
  /** Whether our alert stands; "unknown" until this run raised or cleared it (an earlier run's may stand). */
  private alerting: boolean | "unknown" = "unknown";
  /** The alert writes under way, in order: the webhook's answer never waits for them. */
  private writes: Promise<unknown> = Promise.resolve();
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
  }

  /** Resolves when the alert writes made so far are stored (tests; shutdown). */
  written(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  good(): void {
    if (this.bad.length > 0) this.bad.length = 0;
    // An alert left by an earlier run (or another instance) may stand: the first good event clears it.
    if (this.alerting !== false) {
      this.alerting = false;
      this.write(() => this.alerts.clear("webhook_bad_signatures"), "could not clear the bad-signature alert");
    }
  }

  private write(work: () => Promise<unknown>, failure: string): void {
    this.writes = this.writes.then(work).catch((err: unknown) => this.log.error({ err }, `webhook: ${failure}`));
  }

  rejected(request: RejectedRequest): void {
    const now = this.clock.now().getTime();
    if (now - this.lastWarned >= this.o.logEveryMs) {
      this.log.warn(
        { hasSignature: request.signed, forOurApp: request.forOurApp, alsoRejectedSinceLastWarning: this.unlogged },
        "webhook: bad or missing signature",
      );
      this.lastWarned = now;
      this.unlogged = 0;
    } else {
      this.unlogged++;
    }
    if (!request.signed || !request.forOurApp) return;
    this.bad.push(now);
    if (this.bad.length > this.o.threshold) this.bad.shift();
    const burst = this.bad.length >= this.o.threshold && now - this.bad[0]! <= this.o.windowMs;
    if (burst && this.alerting !== true && now - this.lastRaised >= this.o.windowMs) {
      this.alerting = true;
      this.lastRaised = now;
      this.write(() => this.alerts.raise("webhook_bad_signatures", BAD_SIGNATURE_ALERT), "could not store the bad-signature alert");
    }
  }
}
