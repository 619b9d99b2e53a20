import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { addMs, type Clock } from "../clock.js";
import type { SendFailure } from "../zalo/errors.js";
import { outgoingMessageSchema, type OutgoingMessage } from "../zalo/messages.js";
import type { OaClient } from "../zalo/oa-client.js";
import { findOwnMessage } from "./reconcile.js";
import type { AlertKind, OperatorAlerts } from "../ops/alerts.js";
import type { Outbox, OutboxRow } from "./outbox.js";
import { Wakeable } from "./wakeable.js";
import type { WriterGate } from "./store-gate.js";
import { RateLimiter } from "./rate-limit.js";

export interface DispatcherOptions {
  ratePerMinute: number;
  concurrency: number;
  /** A message still failing after this long is given up (Zalo's reply window is long closed). */
  maxAgeMs: number;
  /** How long a claim holds a row; use `leaseFor(ZALO_HTTP_TIMEOUT_MS)` (see there). */
  leaseMs?: number;
  /** With a backlog, claims wait until this many messages can go at once (see `run`). */
  claimBatch?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  idlePollMs?: number;
  /** How long an in-doubt message waits for Zalo's history to become readable before it is resent. */
  historyPatienceMs?: number;
  /**
   * This instance's stable name among several on one PostgreSQL (INSTANCE_ID): rows a previous run of
   * the same instance left mid-send are released at start instead of when their leases run out.
   */
  instanceId?: string;
}

interface Deps {
  outbox: Outbox;
  client: OaClient;
  clock: Clock;
  log: Logger;
  /** Zalo said this person cannot be messaged now (-213, -230 …). */
  onUnreachable?: (userId: string, failure: SendFailure) => Promise<void>;
  /** Busy while webhook events are being stored: a claim (a durable commit) waits for them. */
  storeGate?: WriterGate;
  /** Where refusals only an operator can fix are raised (-221, -320, -321). */
  alerts?: OperatorAlerts;
  /** Drop the row at send time: a nudge in Zalo's paid window while Zalo refuses those (Proactive.holdBackAtSend). */
  holdBack?: (row: OutboxRow) => Promise<boolean>;
}

/**
 * The lease a claim takes. A send can take several HTTP timeouts: the history read of an in-doubt row,
 * a token refresh, the post, a refresh after -216/-220 and the post again (5 in all); 6 leaves a margin.
 * The lease only matters to a process that died mid-send (its rows are taken over when it runs out):
 * this dispatcher never reclaims its own rows in flight, however long they take.
 */
export function leaseFor(httpTimeoutMs: number): number {
  return Math.max(60_000, 6 * httpTimeoutMs);
}

/**
 * How long a paid-feature refusal pauses the 48 h–7 d nudges. Then they are tried again: after a top-up
 * or verification they resume by themselves; if Zalo still refuses, the alert is raised (and logged) again.
 */
const PAID_FEATURE_ALERT_MS = 6 * 3_600_000;

/** The alert for a refusal of kind "account": which one, and what it says (true to what still works). */
function accountAlert(code: number | undefined): { kind: AlertKind; message: string } {
  const pause =
    "Reminders and tips to people whose last message is more than 48 hours old are paused for " +
    `${PAID_FEATURE_ALERT_MS / 3_600_000} hours, then tried again.`;
  if (code === -221) {
    // Zalo's docs tie -221 to the OA itself ("must be verified for this API"): it may refuse replies too.
    return {
      kind: "zalo_oa_not_verified",
      message:
        "Zalo refuses messages because the Official Account is not verified (Zalo error -221). Replies may be refused " +
        `too: each refused message is marked failed in the outbox with this reason and not retried. ${pause} Verify the OA with Zalo.`,
    };
  }
  const [cause, fix] =
    code === -320
      ? ["no Zalo Cloud account is linked to the Official Account (Zalo error -320)", "Link a Zalo Cloud account to the OA."]
      : ["the Zalo Cloud account linked to the Official Account has no balance left (Zalo error -321)", "Top up the Zalo Cloud account."];
  return { kind: "zalo_paid_feature", message: `Zalo refuses paid messages: ${cause}. ${pause} Replies still go out. ${fix}` };
}

/**
 * Drains the outbox: in order per person, at a global rate, with exponential backoff and jitter, under
 * a lease. A row whose last attempt got no answer (crash, timeout) is "in doubt": before sending it
 * again, the person's recent history is read, so a message Zalo already has is not sent twice.
 */
export class Dispatcher {
  readonly owner: string;
  private readonly limiter: RateLimiter;
  private readonly inflight = new Set<Promise<void>>();
  /** Ids of the rows being sent now (their leases may run out mid-send; they must not be claimed again). */
  private readonly inflightIds = new Set<number>();
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly wakeable = new Wakeable();
  private unsubscribe: (() => void) | null = null;
  private readonly o: Required<Omit<DispatcherOptions, "instanceId">> & Pick<DispatcherOptions, "instanceId">;
  /** The last claim took all it was allowed: more rows are due than we may send now. */
  private backlog = false;

  constructor(
    private readonly deps: Deps,
    options: DispatcherOptions,
  ) {
    this.owner = `${options.instanceId ?? "dispatcher"}/${randomUUID()}`;
    this.o = { leaseMs: leaseFor(10_000), claimBatch: 4, backoffBaseMs: 2_000, backoffMaxMs: 10 * 60_000, idlePollMs: 1_000, historyPatienceMs: 120_000, ...options };
    this.limiter = new RateLimiter(options.ratePerMinute);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.deps.outbox.onEnqueue(() => this.wakeable.wake());
    this.loop = this.releaseAbandoned().then(() => this.run());
  }

  private async releaseAbandoned(): Promise<void> {
    try {
      const released = await this.deps.outbox.releaseAbandoned(this.owner, this.o.instanceId);
      if (released) this.deps.log.warn({ released }, "outbox: messages left mid-send by a previous run will be checked and resent");
    } catch (err) {
      this.deps.log.error({ err }, "outbox: could not release abandoned leases (they are reclaimed when they run out)");
    }
  }

  /** New work was stored by another connection (the HTTP thread). */
  wake(): void {
    this.wakeable.wake();
  }

  /** Stops claiming, then waits for the sends already under way. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeable.wake();
    await this.loop;
    await Promise.allSettled([...this.inflight]);
  }

  /** Resolves when nothing is due or in flight (tests, benchmarks, shutdown of one-off scripts). */
  async drain(timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const c = await this.deps.outbox.counts();
      const due = await this.deps.outbox.nextDueAt();
      const waiting = (c.pending ?? 0) > 0 && due !== undefined && due.getTime() <= this.deps.clock.now().getTime();
      if (!waiting && (c.sending ?? 0) === 0 && this.inflight.size === 0) return;
      await sleep(10);
    }
    throw new Error("outbox did not drain in time");
  }

  private async run(): Promise<void> {
    while (this.running) {
      // Webhook commits first; after a few milliseconds we go on regardless (see StoreGate.clear).
      if (this.deps.storeGate?.busy()) await this.deps.storeGate.clear();
      const free = this.o.concurrency - this.inflight.size;
      const batch = this.batchSize();
      let claimed = 0;
      const allowed = free >= batch && this.limiter.available() >= batch ? this.limiter.take(free) : 0;
      if (allowed > 0) {
        let rows: OutboxRow[] = [];
        try {
          rows = await this.deps.outbox.claimDue(allowed, this.owner, this.o.leaseMs, this.inflightIds);
        } catch (err) {
          this.deps.log.error({ err }, "outbox: claim failed");
        }
        this.limiter.giveBack(allowed - rows.length);
        this.backlog = rows.length === allowed;
        for (const row of rows) {
          const p = this.sendOne(row).catch((err) => this.deps.log.error({ err, id: row.id }, "outbox: send crashed"));
          this.inflight.add(p);
          this.inflightIds.add(row.id);
          void p.finally(() => {
            this.inflight.delete(p);
            this.inflightIds.delete(row.id);
            this.wakeable.wake();
          });
        }
        claimed = rows.length;
      }
      if (claimed === 0 || this.inflight.size >= this.o.concurrency) await this.idle(batch);
    }
  }

  /**
   * How many messages a claim waits for. Each claim is a durable commit (an fsync): with a backlog,
   * one claim per message would make the disk the limit and hold up the webhook's commits, so claims
   * wait until a batch can go. A quiet queue sends each message at once.
   */
  private batchSize(): number {
    if (!this.backlog) return 1;
    return Math.max(1, Math.min(this.o.claimBatch, this.o.concurrency, Math.floor(this.limiter.capacity)));
  }

  private async idle(batch: number): Promise<void> {
    // All send slots busy: a finishing send wakes the loop.
    if (this.o.concurrency - this.inflight.size < batch) return this.wakeable.sleep(this.o.idlePollMs);
    const rateWait = this.limiter.waitMs(batch);
    let due: Date | undefined;
    try {
      due = await this.deps.outbox.nextDueAt();
    } catch (err) {
      this.deps.log.error({ err }, "outbox: could not read when the next message is due");
    }
    const dueWait = due ? Math.max(0, due.getTime() - this.deps.clock.now().getTime()) : this.o.idlePollMs;
    const ms = Math.max(rateWait, Math.min(this.o.idlePollMs, dueWait));
    return this.wakeable.sleep(ms);
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const { outbox, client, clock, log } = this.deps;
    const parsed = outgoingMessageSchema.safeParse(JSON.parse(row.message));
    if (!parsed.success) {
      await outbox.markFailed(row.id, `invalid message: ${parsed.error.issues[0]?.message ?? "?"}`);
      return;
    }
    const message = parsed.data;
    if (row.in_doubt) {
      const verdict = await this.reconcile(row, message);
      if (verdict === "delivered") return;
      if (verdict === "unknown") {
        const delay = backoff(row.attempts + 1, this.o.backoffBaseMs, this.o.backoffMaxMs);
        await outbox.markRetry(row.id, "in doubt: Zalo's history could not be read", addMs(clock.now(), delay), true);
        return;
      }
    }
    if (await this.deps.holdBack?.(row)) {
      await outbox.withdrawNudge(row.id, "cancelled", "not sent: Zalo refuses paid messages for now (operator alert)");
      return;
    }
    const outcome = await client.send(row.user_id, message);
    if (outcome.ok) {
      if (!(await outbox.markSent(row.id, outcome.messageId))) {
        // Zalo gave an id another row holds: that row adopted this message by mistake (see takeMessageId).
        const other = await outbox.takeMessageId(row.id, outcome.messageId);
        log.error(
          { id: row.id, otherId: other },
          "outbox: Zalo returned a message id another row had adopted; that adoption was wrong (its own delivery is unknown)",
        );
      }
      return;
    }
    const f = outcome.failure;
    const attempts = row.attempts + 1; // the claim counted this attempt
    if (f.kind === "unreachable") {
      const stopped = await outbox.markUnreachable(row.id, row.user_id, `${f.code}: ${f.message}`);
      log.info({ id: row.id, code: f.code, stopped }, "outbox: person unreachable now");
      await this.deps.onUnreachable?.(row.user_id, f);
      return;
    }
    if (f.kind === "account") {
      // Not retried: every message of the kind fails alike until an operator acts. A nudge's send record
      // goes with it, so it does not use up the person's one nudge or the day's cap.
      await outbox.withdrawNudge(row.id, "failed", `${f.code}: ${f.message}`);
      const alert = accountAlert(f.code);
      const raised = await this.deps.alerts?.raise(alert.kind, alert.message, PAID_FEATURE_ALERT_MS);
      // One line per alert (the alert's own error line says what to do); the rest at debug.
      log[raised ? "warn" : "debug"]({ id: row.id, code: f.code, alert: alert.kind }, "outbox: Zalo refused the message for the OA's account");
      return;
    }
    if (f.kind === "permanent") {
      await outbox.markFailed(row.id, `${f.code ?? ""} ${f.message}`.trim());
      log.error({ id: row.id, code: f.code, error: f.message }, "outbox: Zalo refused the message");
      return;
    }
    const age = clock.now().getTime() - Date.parse(row.created_at);
    if (age > this.o.maxAgeMs) {
      await outbox.markFailed(row.id, `gave up after ${attempts} attempts: ${f.message}`);
      log.error({ id: row.id, attempts }, "outbox: message expired");
      return;
    }
    const delay = backoff(attempts, this.o.backoffBaseMs, this.o.backoffMaxMs);
    // No clear answer from Zalo (none, a gateway's 5xx, no error field): it may have the message, so
    // its history is checked before the next try.
    await outbox.markRetry(row.id, `${f.code ?? ""} ${f.message}`.trim(), addMs(clock.now(), delay), f.maybeDelivered === true);
    log.warn({ id: row.id, attempts, delayMs: delay, error: f.message }, "outbox: send failed, will retry");
  }

  /**
   * The row's last attempt got no answer: reads the person's recent history and, if Zalo has the
   * message (see findOwnMessage), marks the row sent with that message's id ("delivered"). History read
   * and the message absent: the doubt is settled ("send"). History unreadable: "unknown", try again
   * later, until the doubt is older than `historyPatienceMs`; then send, accepting a possible duplicate
   * over a lost message (a conversation API we may not call must not hold replies back for ever).
   */
  private async reconcile(row: OutboxRow, message: OutgoingMessage): Promise<"delivered" | "send" | "unknown"> {
    const { outbox, client, clock, log } = this.deps;
    const text = message.type === "text" ? message.text : message.caption;
    const since = new Date(row.in_doubt_since ?? row.attempt_started_at ?? row.created_at);
    const history = text ? await client.recentMessages(row.user_id, 20) : null;
    if (!history) {
      if (text && clock.now().getTime() - since.getTime() < this.o.historyPatienceMs) return "unknown";
      log.warn({ id: row.id }, "outbox: cannot check Zalo's history for an in-doubt message; sending (may duplicate)");
      return "send";
    }
    const held = await outbox.heldMessageIds(history.flatMap((m) => (m.messageId ? [m.messageId] : [])));
    const found = findOwnMessage({ userId: row.user_id, text: text!, since }, history, held);
    if (found) {
      // The unique index has the last word: an id taken meanwhile is not adopted.
      if (await outbox.markSent(row.id, found.messageId)) {
        log.info({ id: row.id }, "outbox: in-doubt message was already delivered; not sending again");
        return "delivered";
      }
      // Only another writer (a second dispatcher on this file) can take it between the read and here:
      // one of the two adoptions is wrong and which is not known, so this row is sent (a possible duplicate).
      log.error({ id: row.id, otherId: await outbox.holderOf(found.messageId!) }, "outbox: a message id this row was adopting is held by another row");
    }
    await outbox.clearDoubt(row.id);
    return "send";
  }
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(n-1), capped. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
