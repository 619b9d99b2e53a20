import type { Store } from "../db/store.js";
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
    private readonly store: Store,
    private readonly clock: Clock,
    timeZone: string,
  ) {
    this.local = localClock(timeZone);
  }

  async add(metric: Metric, where: { province_code: string | null; commune_code: string | null }): Promise<void> {
    await this.store.run(
      `INSERT INTO daily_counts (day, province_code, commune_code, metric, n) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (day, province_code, commune_code, metric) DO UPDATE SET n = daily_counts.n + 1`,
      [this.local.at(this.clock.now()).day, where.province_code ?? "", where.commune_code ?? "", metric],
    );
  }
}
