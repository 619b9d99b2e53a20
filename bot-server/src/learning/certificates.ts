import type { Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";
import { certificateCode, normalizeCertificateCode } from "./ids.js";

export interface Certificate {
  code: string;
  name: string;
  issuedAt: string;
  score: number;
  total: number;
  lessons: number[];
}

interface Row {
  code: string;
  name: string;
  issued_at: string;
  score: number;
  total: number;
  lessons: string;
}

/**
 * Certificates: one per learner, found by a short code anyone can check at /c/<code>. Once issued a
 * certificate never changes (its name included): a printed code keeps showing what was printed. Erasing the
 * learner's data deletes it (ON DELETE CASCADE), and the check page then says it is not found.
 */
export class Certificates {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Issues the learner's certificate, or returns the one already issued. */
  async issue(learnerId: number, name: string, score: number, total: number, lessons: number[]): Promise<Certificate> {
    const existing = await this.forLearner(learnerId);
    if (existing) return existing;
    for (;;) {
      // A code already taken (one in 32^8) returns no row: draw again.
      const row = await this.store.get<Row>(
        `INSERT INTO certificates (code, learner_id, name, issued_at, score, total, lessons) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (code) DO NOTHING RETURNING *`,
        [certificateCode(), learnerId, name.normalize("NFC").trim(), iso(this.clock.now()), score, total, JSON.stringify(lessons)],
      );
      if (row) return toCertificate(row);
    }
  }

  async byCode(input: string): Promise<Certificate | undefined> {
    const code = normalizeCertificateCode(input);
    if (!code) return undefined;
    const row = await this.store.get<Row>(`SELECT * FROM certificates WHERE code = ?`, [code]);
    return row && toCertificate(row);
  }

  async forLearner(learnerId: number): Promise<Certificate | undefined> {
    const row = await this.store.get<Row>(`SELECT * FROM certificates WHERE learner_id = ?`, [learnerId]);
    return row && toCertificate(row);
  }
}

function toCertificate(r: Row): Certificate {
  return { code: r.code, name: r.name, issuedAt: r.issued_at, score: r.score, total: r.total, lessons: JSON.parse(r.lessons) as number[] };
}

/** A certificate's public check page (served at /c/:code by certificates/check-page.ts), under `base`. */
export function certificateCheckUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, "")}/c/${encodeURIComponent(code)}`;
}
