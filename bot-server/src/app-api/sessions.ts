import { createHash, randomBytes } from "node:crypto";
import { addMs, iso, type Clock } from "../clock.js";
import type { Store } from "../db/store.js";

/**
 * Sessions last 30 days from sign-in and do not slide: when one ends the Mini App silently signs in
 * again with a fresh Zalo token, so a fixed end costs the person nothing and bounds a stolen token.
 */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;

export interface NewSession {
  token: string;
  expiresAt: string;
}

/** Bearer sessions for the Mini App. Only the token's sha256 is stored: a copied database opens nothing. */
export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(learnerId: number): Promise<NewSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString("base64url");
    const expiresAt = iso(addMs(now, SESSION_TTL_MS));
    // This learner's ended sessions go as new ones come, so the table does not grow without bound.
    await this.store.run(`DELETE FROM sessions WHERE learner_id = ? AND expires_at <= ?`, [learnerId, iso(now)]);
    await this.store.run(`INSERT INTO sessions (token_hash, learner_id, created_at, expires_at) VALUES (?, ?, ?, ?)`, [
      hashToken(token),
      learnerId,
      iso(now),
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  /** The learner a live session belongs to; undefined for an unknown or ended one. */
  learnerId(token: string): Promise<number | undefined> {
    return this.store.value<number>(`SELECT learner_id FROM sessions WHERE token_hash = ? AND expires_at > ?`, [hashToken(token), iso(this.clock.now())]);
  }
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
