import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";
import type { Clock } from "../clock.js";
import { localClock, type LocalClock } from "../local-time.js";

export type Metric = "learner_joined" | "lesson_completed" | "lesson_quiz_passed" | "final_test_passed" | "certificate_issued";

/**
 * Anonymous daily counts by commune for officials' reports. They hold no person and so survive a
 * learner's request to delete their data.
 */
export class DailyCounts {
  private readonly local: LocalClock;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    timeZone: string,
  ) {
    this.local = localClock(timeZone);
  }

  add(metric: Metric, where: { province_code: string | null; commune_code: string | null }): void {
    sql(
      this.db,
      `INSERT INTO daily_counts (day, province_code, commune_code, metric, n) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (day, province_code, commune_code, metric) DO UPDATE SET n = n + 1`,
    ).run(this.local.at(this.clock.now()).day, where.province_code ?? "", where.commune_code ?? "", metric);
  }
}
