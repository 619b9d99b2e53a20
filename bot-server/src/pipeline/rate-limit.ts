/**
 * Token bucket for the global send rate (Zalo: about 4,000 OA calls a minute, unconfirmed). Holds at
 * most one second's worth, so a backlog drains at the steady rate instead of bursting past the limit.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly perMs: number;
  /** The most tokens it ever holds: one second's worth, at least one. */
  readonly capacity: number;

  constructor(perMinute: number, private readonly now: () => number = () => performance.now()) {
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, perMinute / 60);
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Takes one token if there is one. */
  tryTake(): boolean {
    return this.take(1) === 1;
  }

  /** Takes up to `wanted` whole tokens; returns how many it got. */
  take(wanted: number): number {
    this.refill();
    const granted = Math.max(0, Math.min(wanted, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }

  /** Returns tokens taken but not used (fewer messages were due than allowed). */
  giveBack(n: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, n));
  }

  /** Whole tokens available now. */
  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  /** Milliseconds until `n` tokens (at most the capacity) are available. */
  waitMs(n = 1): number {
    this.refill();
    const wanted = Math.min(n, this.capacity);
    return this.tokens >= wanted ? 0 : Math.ceil((wanted - this.tokens) / this.perMs);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.perMs);
    this.last = t;
  }
}
