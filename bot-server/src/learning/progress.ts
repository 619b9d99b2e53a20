import type { Content } from "../../../content/src/index.js";
import type { Db } from "../db/open.js";
import { sql } from "../db/statements.js";
import { iso, type Clock } from "../clock.js";

export type LessonStatus = "not_started" | "in_progress" | "done";

export interface LessonProgress {
  id: number;
  status: LessonStatus;
  quizBest: number | null;
  quizPassed: boolean;
}

interface Row {
  lesson_id: number;
  opened_at: string;
  completed_at: string | null;
  best_score: number | null;
  passed_at: string | null;
}

/** Where a learner is in the 12 lessons: the one record both the chat and the Mini App write. */
export class Progress {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly content: Content,
  ) {}

  /** Returns true the first time the learner opens this lesson. */
  open(learnerId: number, lessonId: number): boolean {
    return (
      sql(this.db, `INSERT INTO lesson_progress (learner_id, lesson_id, opened_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(
        learnerId,
        lessonId,
        iso(this.clock.now()),
      ).changes === 1
    );
  }

  /** Returns true the first time the lesson is completed. */
  complete(learnerId: number, lessonId: number): boolean {
    this.open(learnerId, lessonId);
    return (
      sql(this.db, `UPDATE lesson_progress SET completed_at = ? WHERE learner_id = ? AND lesson_id = ? AND completed_at IS NULL`).run(
        iso(this.clock.now()),
        learnerId,
        lessonId,
      ).changes === 1
    );
  }

  /** Records a lesson-quiz result; passing also completes the lesson. Returns true on a first pass. */
  recordQuiz(learnerId: number, lessonId: number, score: number, passed: boolean): boolean {
    this.open(learnerId, lessonId);
    const now = iso(this.clock.now());
    sql(this.db, `UPDATE lesson_progress SET best_score = MAX(COALESCE(best_score, 0), ?) WHERE learner_id = ? AND lesson_id = ?`).run(
      score,
      learnerId,
      lessonId,
    );
    if (!passed) return false;
    this.complete(learnerId, lessonId);
    return (
      sql(this.db, `UPDATE lesson_progress SET passed_at = ? WHERE learner_id = ? AND lesson_id = ? AND passed_at IS NULL`).run(
        now,
        learnerId,
        lessonId,
      ).changes === 1
    );
  }

  lessons(learnerId: number): LessonProgress[] {
    const rows = sql(this.db, `SELECT * FROM lesson_progress WHERE learner_id = ?`).all(learnerId) as Row[];
    const byLesson = new Map(rows.map((r) => [r.lesson_id, r]));
    return this.content.lessons.map((l) => {
      const r = byLesson.get(l.id);
      return {
        id: l.id,
        status: !r ? "not_started" : r.completed_at ? "done" : "in_progress",
        quizBest: r?.best_score ?? null,
        quizPassed: Boolean(r?.passed_at),
      };
    });
  }

  /** Lessons whose quiz the learner has passed. */
  passedLessons(learnerId: number): number[] {
    return this.lessons(learnerId)
      .filter((l) => l.quizPassed)
      .map((l) => l.id);
  }

  /**
   * The next thing to do: the lesson in progress (or its quiz), else the first lesson not done, else
   * the first lesson whose quiz is not passed, else the final test.
   */
  next(learnerId: number, all = this.lessons(learnerId)): { kind: "lesson" | "quiz" | "final"; lessonId?: number } {
    const open = all.find((l) => l.status === "in_progress");
    if (open) return { kind: "lesson", lessonId: open.id };
    const notStarted = all.find((l) => l.status === "not_started");
    if (notStarted) return { kind: "lesson", lessonId: notStarted.id };
    const quiz = all.find((l) => !l.quizPassed);
    if (quiz) return { kind: "quiz", lessonId: quiz.id };
    return { kind: "final" };
  }
}
