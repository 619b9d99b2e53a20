import type { Content } from "../../../content/src/index.js";
import { addMs, type Clock } from "../clock.js";
import { checkCertificateName } from "./certificate-name.js";
import type { Certificate, Certificates } from "./certificates.js";
import type { DailyCounts } from "./counts.js";
import { drawFinalTest, type Random } from "./draw.js";
import type { Learner, Learners } from "./learners.js";
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
  /** The certificate already issued, if any: a pass does not issue one until the person confirms a name. */
  certificate: Certificate | null;
  retryAt: Date | null;
}

/** A whole test handed in at once (the Mini App, an offline queue): every question asked, once. */
export type SubmitResult =
  | { kind: "done"; result: FinalResult }
  /** Not every question of this attempt answered exactly once. */
  | { kind: "incomplete"; expected: number }
  /** Already handed in with other answers: the first result stands. */
  | { kind: "conflict" };

export type IssueResult =
  | { kind: "issued"; certificate: Certificate }
  /** Issued before: its name stays as printed (a printed code must keep showing the same name). */
  | { kind: "already_issued"; certificate: Certificate }
  | { kind: "not_passed" }
  | { kind: "invalid_name"; message: string };

/**
 * The final test: 20 questions with at least one from each lesson. A pass earns the certificate, which is
 * issued only once the person has chosen and confirmed the name to print (issueCertificate), in either door.
 */
export class FinalTest {
  constructor(
    private readonly deps: {
      attempts: QuizAttempts;
      certificates: Certificates;
      learners: Learners;
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

  /** Scores the attempt. A pass does not issue the certificate yet: the person first confirms the name. */
  finish(learner: Learner, attemptId: string): FinalResult {
    const { attempts, certificates, counts } = this.deps;
    const before = attempts.get(attemptId);
    const attempt = attempts.finish(attemptId, this.options.passMark);
    const passed = attempt.passed === true;
    if (passed && before && !before.finishedAt) counts.add("final_test_passed", learner);
    return { attempt, passed, certificate: certificates.forLearner(learner.id) ?? null, retryAt: passed ? null : this.retryAt(learner.id) };
  }

  /**
   * Scores a whole test handed in at once. A resend of the same answers returns the first result and
   * records nothing new, so an offline queue may send it again; other answers to a finished attempt are
   * refused. Call inside a transaction (learning.transaction).
   */
  submitAll(learner: Learner, attempt: Attempt, answers: readonly { questionId: string; chosen: number }[]): SubmitResult {
    const chosen = new Map(answers.map((a) => [a.questionId, a.chosen]));
    const asked = attempt.items.map((i) => i.questionId);
    if (chosen.size !== answers.length || chosen.size !== asked.length || asked.some((q) => !chosen.has(q))) {
      return { kind: "incomplete", expected: asked.length };
    }
    if (attempt.finishedAt && attempt.items.some((i) => i.chosen !== null && i.chosen !== chosen.get(i.questionId))) {
      return { kind: "conflict" };
    }
    for (const item of attempt.items) this.deps.attempts.answer(attempt.id, item.position, chosen.get(item.questionId)!);
    return { kind: "done", result: this.finish(learner, attempt.id) };
  }

  /** The learner's best passed attempt (a later practice run that fails does not take the pass away). */
  bestPass(learnerId: number): Attempt | undefined {
    return this.deps.attempts.bestPassed(learnerId, "final");
  }

  /** Passed and not yet issued: the certificate waits for a name. */
  awaitsName(learnerId: number): boolean {
    return !this.deps.certificates.forLearner(learnerId) && this.bestPass(learnerId) !== undefined;
  }

  /**
   * Issues the certificate under the name the person typed and confirmed, checked and written as it will be
   * printed. The name is also kept on the learner record only with consent; the certificate itself always
   * carries it (and shows it on the public check page) — the consent texts say so.
   */
  issueCertificate(learner: Learner, typedName: string): IssueResult {
    const { certificates, learners, progress, counts } = this.deps;
    const existing = certificates.forLearner(learner.id);
    if (existing) return { kind: "already_issued", certificate: existing };
    const pass = this.bestPass(learner.id);
    if (!pass) return { kind: "not_passed" };
    const checked = checkCertificateName(typedName);
    if (!checked.ok) return { kind: "invalid_name", message: checked.message };
    if (learner.consent === "granted") learners.update(learner.id, { certificate_name: checked.name });
    const certificate = certificates.issue(learner.id, checked.name, pass.score ?? 0, pass.total, progress.passedLessons(learner.id));
    counts.add("certificate_issued", learner);
    return { kind: "issued", certificate };
  }
}
