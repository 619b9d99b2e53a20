import type { Content } from "../../../content/src/index.js";
import type { Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import { Certificates } from "./certificates.js";
import { DailyCounts } from "./counts.js";
import type { Random } from "./draw.js";
import { eraseLearner } from "./erase.js";
import { DEFAULT_FINAL_TEST, FinalTest, type FinalTestOptions } from "./final-test.js";
import { Learners } from "./learners.js";
import { Progress } from "./progress.js";
import { QuizAttempts } from "./quiz-attempts.js";
import { Review } from "./review.js";

/** A lesson quiz has 5 questions; 4 right is a pass. */
export const LESSON_QUIZ = { questions: 5, passMark: 4 } as const;

/**
 * The learning records, one set for both doors (OA chat and Mini App): learners, lesson progress,
 * quizzes, the final test, certificates, spaced review, anonymous counts.
 */
export class Learning {
  readonly learners: Learners;
  readonly progress: Progress;
  readonly attempts: QuizAttempts;
  readonly certificates: Certificates;
  readonly review: Review;
  readonly counts: DailyCounts;
  readonly finalTest: FinalTest;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly content: Content,
    options: { timeZone: string; finalTest?: FinalTestOptions; random?: Random },
  ) {
    this.learners = new Learners(store, clock);
    this.progress = new Progress(store, clock, content);
    this.attempts = new QuizAttempts(store, clock, content);
    this.certificates = new Certificates(store, clock);
    this.review = new Review(store, clock);
    this.counts = new DailyCounts(store, clock, options.timeZone);
    this.finalTest = new FinalTest(
      { attempts: this.attempts, certificates: this.certificates, learners: this.learners, progress: this.progress, counts: this.counts, content, clock, random: options.random },
      options.finalTest ?? DEFAULT_FINAL_TEST,
    );
  }

  /**
   * Runs `fn` as one unit of learning work: its writes commit together or not at all. The Mini App's
   * routes call this instead of reaching for the database, so the store behind it can change. With
   * `learner`, it is that person's work: on a shared store their row is locked first, so it never
   * interleaves with their chat (whose handler holds the same lock: `touch` updates the row) or with
   * their other requests, on any instance. SQLite runs one transaction at a time anyway.
   */
  transaction<T>(fn: () => Promise<T>, options: { learner?: number } = {}): Promise<T> {
    return this.store.transaction(async () => {
      if (options.learner !== undefined) await this.learners.lock(options.learner);
      return fn();
    });
  }

  /**
   * Scores an answer to a review question and schedules the question again: soon after a miss, later
   * after a right answer. Undefined when the question is no longer in the bank.
   */
  async scoreReview(learnerId: number, questionId: string, chosen: number) {
    const question = this.attempts.question(questionId);
    if (!question) return undefined;
    const correct = chosen === question.answer;
    await this.review.record(learnerId, question.id, correct);
    return { question, correct };
  }

  /** Records a finished lesson quiz everywhere it matters: progress, review schedule, counts. */
  async recordLessonQuiz(
    learnerId: number,
    lessonId: number,
    attemptScore: number,
    items: { questionId: string; correct: boolean | null }[],
  ): Promise<boolean> {
    const passed = attemptScore >= LESSON_QUIZ.passMark;
    const firstPass = await this.progress.recordQuiz(learnerId, lessonId, attemptScore, passed);
    for (const i of items) if (i.correct !== null) await this.review.record(learnerId, i.questionId, i.correct);
    const learner = firstPass ? await this.learners.byId(learnerId) : undefined;
    if (learner) await this.counts.add("lesson_quiz_passed", learner);
    return passed;
  }

  async completeLesson(learnerId: number, lessonId: number): Promise<boolean> {
    const first = await this.progress.complete(learnerId, lessonId);
    const learner = first ? await this.learners.byId(learnerId) : undefined;
    if (learner) await this.counts.add("lesson_completed", learner);
    return first;
  }

  erase(learnerId: number): Promise<{ zaloUserId: string | null }> {
    return eraseLearner(this.store, learnerId);
  }
}

export type { Learner, LearnerUpdate } from "./learners.js";
export type { Certificate } from "./certificates.js";
export type { Attempt, AttemptItem, Channel } from "./quiz-attempts.js";
export type { LessonProgress } from "./progress.js";
