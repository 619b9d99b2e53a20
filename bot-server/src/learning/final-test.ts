import type { Content } from "../../../content/src/index.js";
import { addMs, type Clock } from "../clock.js";
import type { Certificate, Certificates } from "./certificates.js";
import type { DailyCounts } from "./counts.js";
import { drawFinalTest, type Random } from "./draw.js";
import type { Learner } from "./learners.js";
import type { Progress } from "./progress.js";
import type { Attempt, Channel, QuizAttempts } from "./quiz-attempts.js";

export interface FinalTestOptions {
  questions: number;
  passMark: number;
  /** After a failed attempt, the learner may try again after this long (time to review). */
  retryPauseMs: number;
}

export const DEFAULT_FINAL_TEST: FinalTestOptions = { questions: 20, passMark: 16, retryPauseMs: 60 * 60_000 };

export type StartResult = { ok: true; attempt: Attempt; resumed: boolean } | { ok: false; retryAt: Date };

export interface FinalResult {
  attempt: Attempt;
  passed: boolean;
  certificate: Certificate | null;
  retryAt: Date | null;
}

/** The final test: 20 questions with at least one from each lesson; a pass issues the certificate. */
export class FinalTest {
  constructor(
    private readonly deps: {
      attempts: QuizAttempts;
      certificates: Certificates;
      progress: Progress;
      counts: DailyCounts;
      content: Content;
      clock: Clock;
      random?: Random;
    },
    readonly options: FinalTestOptions = DEFAULT_FINAL_TEST,
  ) {}

  /** When the learner may try again, if they are in the pause after a failed attempt (`last`: already read). */
  retryAt(learnerId: number, last = this.deps.attempts.latestFinished(learnerId, "final")): Date | null {
    if (!last || last.passed || !last.finishedAt) return null;
    const at = addMs(new Date(last.finishedAt), this.options.retryPauseMs);
    return at.getTime() > this.deps.clock.now().getTime() ? at : null;
  }

  /**
   * Starts (or, with the same attempt id, returns) an attempt. An unfinished attempt on the same channel
   * is resumed rather than replaced, so a dropped connection costs nothing.
   */
  start(learnerId: number, channel: Channel, attemptId?: string): StartResult {
    const { attempts, content, random } = this.deps;
    if (attemptId) {
      const same = attempts.get(attemptId);
      if (same && same.learnerId === learnerId && same.kind === "final") return { ok: true, attempt: same, resumed: true };
    }
    const open = attempts.open(learnerId, "final");
    if (open && open.channel === channel && !attemptId) return { ok: true, attempt: open, resumed: true };
    const retryAt = this.retryAt(learnerId);
    if (retryAt) return { ok: false, retryAt };
    const questions = drawFinalTest(content, this.options.questions, random);
    return { ok: true, attempt: attempts.start(learnerId, "final", null, questions, channel, attemptId), resumed: false };
  }

  /** Scores the attempt; a pass issues the certificate under the name the learner chose. */
  finish(learner: Learner, attemptId: string): FinalResult {
    const { attempts, certificates, progress, counts } = this.deps;
    const before = attempts.get(attemptId);
    const attempt = attempts.finish(attemptId, this.options.passMark);
    const passed = attempt.passed === true;
    let certificate: Certificate | null = certificates.forLearner(learner.id) ?? null;
    if (passed && !certificate) {
      const name = learner.certificate_name ?? learner.display_name ?? "Học viên Kỹ Năng Số";
      certificate = certificates.issue(learner.id, name, attempt.score ?? 0, attempt.total, progress.passedLessons(learner.id));
      counts.add("certificate_issued", learner);
    }
    if (passed && before && !before.finishedAt) counts.add("final_test_passed", learner);
    return { attempt, passed, certificate, retryAt: passed ? null : this.retryAt(learner.id) };
  }
}
