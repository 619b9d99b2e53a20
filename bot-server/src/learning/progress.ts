import type { Content } from "../../../content/src/index.js";
import type { Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";

export type NextStep = { kind: "lesson" | "quiz" | "final"; lessonId?: number };

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
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly content: Content,
  ) {}

  /** Returns true the first time the learner opens this lesson. */
  async open(learnerId: number, lessonId: number): Promise<boolean> {
    const { changes } = await this.store.run(`INSERT INTO lesson_progress (learner_id, lesson_id, opened_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [
      learnerId,
      lessonId,
      iso(this.clock.now()),
    ]);
    return changes === 1;
  }

  /** Returns true the first time the lesson is completed. */
  async complete(learnerId: number, lessonId: number): Promise<boolean> {
    await this.open(learnerId, lessonId);
    const { changes } = await this.store.run(
      `UPDATE lesson_progress SET completed_at = ? WHERE learner_id = ? AND lesson_id = ? AND completed_at IS NULL`,
      [iso(this.clock.now()), learnerId, lessonId],
    );
    return changes === 1;
  }

  /** Records a lesson-quiz result; passing also completes the lesson. Returns true on a first pass. */
  async recordQuiz(learnerId: number, lessonId: number, score: number, passed: boolean): Promise<boolean> {
    await this.open(learnerId, lessonId);
    const now = iso(this.clock.now());
    await this.store.run(
      `UPDATE lesson_progress SET best_score = CASE WHEN best_score IS NULL OR best_score < @score THEN @score ELSE best_score END
       WHERE learner_id = @learnerId AND lesson_id = @lessonId`,
      { score, learnerId, lessonId },
    );
    if (!passed) return false;
    await this.complete(learnerId, lessonId);
    const { changes } = await this.store.run(`UPDATE lesson_progress SET passed_at = ? WHERE learner_id = ? AND lesson_id = ? AND passed_at IS NULL`, [
      now,
      learnerId,
      lessonId,
    ]);
    return changes === 1;
  }

  async lessons(learnerId: number): Promise<LessonProgress[]> {
    const rows = await this.store.all<Row>(`SELECT * FROM lesson_progress WHERE learner_id = ?`, [learnerId]);
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
  async passedLessons(learnerId: number): Promise<number[]> {
    return (await this.lessons(learnerId)).filter((l) => l.quizPassed).map((l) => l.id);
  }

  /**
   * The next thing to do: the lesson in progress (or its quiz), else the first lesson not done, else
   * the first lesson whose quiz is not passed, else the final test.
   */
  async next(learnerId: number, known?: LessonProgress[]): Promise<NextStep> {
    const all = known ?? (await this.lessons(learnerId));
    const open = all.find((l) => l.status === "in_progress");
    if (open) return { kind: "lesson", lessonId: open.id };
    const notStarted = all.find((l) => l.status === "not_started");
    if (notStarted) return { kind: "lesson", lessonId: notStarted.id };
    const quiz = all.find((l) => !l.quizPassed);
    if (quiz) return { kind: "quiz", lessonId: quiz.id };
    return { kind: "final" };
  }
}
