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
  async retryAt(learnerId: number, known?: Attempt): Promise<Date | null> {
    const last = known ?? (await this.deps.attempts.latestFinished(learnerId, "final"));
    if (!last || last.passed || !last.finishedAt) return null;
    const at = addMs(new Date(last.finishedAt), this.options.retryPauseMs);
    return at.getTime() > this.deps.clock.now().getTime() ? at : null;
  }

  /**
   * Starts (or, with the same attempt id, returns) an attempt. An unfinished attempt on the same channel
   * is resumed rather than replaced, so a dropped connection costs nothing.
   */
  async start(learnerId: number, channel: Channel, attemptId?: string): Promise<StartResult> {
    const { attempts, content, random } = this.deps;
    if (attemptId) {
      const same = await attempts.get(attemptId);
      if (same && same.learnerId === learnerId && same.kind === "final") return { ok: true, attempt: same, resumed: true };
    }
    const open = await attempts.open(learnerId, "final");
    if (open && open.channel === channel && !attemptId) return { ok: true, attempt: open, resumed: true };
    const retryAt = await this.retryAt(learnerId);
    if (retryAt) return { ok: false, retryAt };
    const questions = drawFinalTest(content, this.options.questions, random);
    return { ok: true, attempt: await attempts.start(learnerId, "final", null, questions, channel, attemptId), resumed: false };
  }

  /** Scores the attempt. A pass does not issue the certificate yet: the person first confirms the name. */
  async finish(learner: Learner, attemptId: string): Promise<FinalResult> {
    const { attempts, certificates, counts } = this.deps;
    const before = await attempts.get(attemptId);
    const attempt = await attempts.finish(attemptId, this.options.passMark);
    const passed = attempt.passed === true;
    if (passed && before && !before.finishedAt) await counts.add("final_test_passed", learner);
    return {
      attempt,
      passed,
      certificate: (await certificates.forLearner(learner.id)) ?? null,
      retryAt: passed ? null : await this.retryAt(learner.id),
    };
  }

  /**
   * Scores a whole test handed in at once. A resend of the same answers returns the first result and
   * records nothing new, so an offline queue may send it again; other answers to a finished attempt are
   * refused. Call inside a transaction (learning.transaction).
   */
  async submitAll(learner: Learner, attempt: Attempt, answers: readonly { questionId: string; chosen: number }[]): Promise<SubmitResult> {
    const chosen = new Map(answers.map((a) => [a.questionId, a.chosen]));
    const asked = attempt.items.map((i) => i.questionId);
    if (chosen.size !== answers.length || chosen.size !== asked.length || asked.some((q) => !chosen.has(q))) {
      return { kind: "incomplete", expected: asked.length };
    }
    if (attempt.finishedAt && attempt.items.some((i) => i.chosen !== null && i.chosen !== chosen.get(i.questionId))) {
      return { kind: "conflict" };
    }
    for (const item of attempt.items) await this.deps.attempts.answer(attempt.id, item.position, chosen.get(item.questionId)!);
    return { kind: "done", result: await this.finish(learner, attempt.id) };
  }

  /** The learner's best passed attempt (a later practice run that fails does not take the pass away). */
  bestPass(learnerId: number): Promise<Attempt | undefined> {
    return this.deps.attempts.bestPassed(learnerId, "final");
  }

  /** Passed and not yet issued: the certificate waits for a name. */
  async awaitsName(learnerId: number): Promise<boolean> {
    return !(await this.deps.certificates.forLearner(learnerId)) && (await this.bestPass(learnerId)) !== undefined;
  }

  /**
   * Issues the certificate under the name the person typed and confirmed, checked and written as it will be
   * printed. The name is also kept on the learner record only with consent; the certificate itself always
   * carries it (and shows it on the public check page) — the consent texts say so.
   */
  async issueCertificate(learner: Learner, typedName: string): Promise<IssueResult> {
    const { certificates, learners, progress, counts } = this.deps;
    const existing = await certificates.forLearner(learner.id);
    if (existing) return { kind: "already_issued", certificate: existing };
    const pass = await this.bestPass(learner.id);
    if (!pass) return { kind: "not_passed" };
    const checked = checkCertificateName(typedName);
    if (!checked.ok) return { kind: "invalid_name", message: checked.message };
    if (learner.consent === "granted") await learners.update(learner.id, { certificate_name: checked.name });
    const certificate = await certificates.issue(learner.id, checked.name, pass.score ?? 0, pass.total, await progress.passedLessons(learner.id));
    await counts.add("certificate_issued", learner);
    return { kind: "issued", certificate };
  }
}
