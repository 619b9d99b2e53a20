import { createHash } from "node:crypto";
import type { Content, Question } from "../../../content/src/index.js";
import type { Store } from "../db/store.js";
import { iso, type Clock } from "../clock.js";
import { buttonToken, randomId } from "./ids.js";

export type QuizKind = "lesson" | "final";
export type Channel = "chat" | "app";

export interface AttemptItem {
  position: number;
  questionId: string;
  token: string | null;
  chosen: number | null;
  correct: boolean | null;
}

export interface Attempt {
  id: string;
  learnerId: number;
  kind: QuizKind;
  lessonId: number | null;
  channel: Channel;
  startedAt: string;
  finishedAt: string | null;
  score: number | null;
  total: number;
  passed: boolean | null;
  items: AttemptItem[];
}

export type AnswerResult =
  | { status: "recorded"; correct: boolean; attempt: Attempt; item: AttemptItem; question: Question }
  | { status: "already-answered" | "finished"; attempt: Attempt; item: AttemptItem; question: Question };

export type WholeSubmission =
  | { status: "ok"; attempt: Attempt; firstTime: boolean }
  | { status: "conflict" }
  | { status: "invalid"; message: string };

interface AttemptRow {
  id: string;
  learner_id: number;
  kind: QuizKind;
  lesson_id: number | null;
  channel: Channel;
  started_at: string;
  finished_at: string | null;
  score: number | null;
  total: number;
  passed: number | null;
  submission: string | null;
}

interface ItemRow {
  position: number;
  question_id: string;
  token: string | null;
  chosen: number | null;
  correct: number | null;
}

/**
 * Quiz attempts for both doors: the chat asks one question at a time (each question's buttons carry an
 * unguessable token), the Mini App submits a whole lesson quiz at once (idempotent by its attempt id).
 * Scoring always uses the server's bank, never what a client claims.
 */
export class QuizAttempts {
  private readonly questions: Map<string, Question>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    content: Content,
  ) {
    this.questions = new Map(content.questions.map((q) => [q.id, q]));
  }

  question(id: string): Question | undefined {
    return this.questions.get(id);
  }

  start(learnerId: number, kind: QuizKind, lessonId: number | null, questions: Question[], channel: Channel, id = randomId()): Promise<Attempt> {
    return this.store.transaction(async () => {
      await this.store.run(`INSERT INTO quiz_attempts (id, learner_id, kind, lesson_id, channel, started_at, total) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        id,
        learnerId,
        kind,
        lessonId,
        channel,
        iso(this.clock.now()),
        questions.length,
      ]);
      for (const [i, q] of questions.entries()) {
        await this.store.run(`INSERT INTO quiz_items (attempt_id, position, question_id, token) VALUES (?, ?, ?, ?)`, [
          id,
          i + 1,
          q.id,
          channel === "chat" ? buttonToken() : null,
        ]);
      }
      return (await this.get(id))!;
    });
  }

  async get(id: string): Promise<Attempt | undefined> {
    const row = await this.store.get<AttemptRow>(`SELECT * FROM quiz_attempts WHERE id = ?`, [id]);
    if (!row) return undefined;
    const items = await this.store.all<ItemRow>(`SELECT position, question_id, token, chosen, correct FROM quiz_items WHERE attempt_id = ? ORDER BY position`, [id]);
    return toAttempt(row, items);
  }

  /** The learner's latest unfinished attempt of a kind (the chat resumes it). */
  async open(learnerId: number, kind: QuizKind): Promise<Attempt | undefined> {
    // Attempts started in the same millisecond: the later insert (SQLite's rowid, PostgreSQL's seq).
    const order = this.store.dialect === "postgres" ? "seq" : "rowid";
    const id = await this.store.value<string>(
      `SELECT id FROM quiz_attempts WHERE learner_id = ? AND kind = ? AND finished_at IS NULL ORDER BY started_at DESC, ${order} DESC LIMIT 1`,
      [learnerId, kind],
    );
    return id ? this.get(id) : undefined;
  }

  async latestFinished(learnerId: number, kind: QuizKind): Promise<Attempt | undefined> {
    const id = await this.store.value<string>(
      `SELECT id FROM quiz_attempts WHERE learner_id = ? AND kind = ? AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
      [learnerId, kind],
    );
    return id ? this.get(id) : undefined;
  }

  /** The learner's highest-scoring passed attempt of a kind (the earliest among equals). */
  async bestPassed(learnerId: number, kind: QuizKind): Promise<Attempt | undefined> {
    const id = await this.store.value<string>(
      `SELECT id FROM quiz_attempts WHERE learner_id = ? AND kind = ? AND passed = 1 ORDER BY score DESC, finished_at ASC LIMIT 1`,
      [learnerId, kind],
    );
    return id ? this.get(id) : undefined;
  }

  /** Finds the attempt and question a chat button's token belongs to. */
  async byToken(token: string): Promise<{ attempt: Attempt; item: AttemptItem } | undefined> {
    const row = await this.store.get<{ attempt_id: string; position: number }>(`SELECT attempt_id, position FROM quiz_items WHERE token = ?`, [token]);
    if (!row) return undefined;
    const attempt = (await this.get(row.attempt_id))!;
    return { attempt, item: attempt.items[row.position - 1]! };
  }

  /** Records an answer once. A second tap, or a tap after the attempt ended, changes nothing. */
  async answer(attemptId: string, position: number, chosen: number): Promise<AnswerResult | undefined> {
    const attempt = await this.get(attemptId);
    const item = attempt?.items[position - 1];
    if (!attempt || !item) return undefined;
    const question = this.questions.get(item.questionId)!;
    if (attempt.finishedAt) return { status: "finished", attempt, item, question };
    if (item.chosen !== null) return { status: "already-answered", attempt, item, question };
    const correct = question.answer === chosen;
    const written = await this.store.run(
      `UPDATE quiz_items SET chosen = ?, correct = ?, answered_at = ? WHERE attempt_id = ? AND position = ? AND chosen IS NULL`,
      [chosen, correct ? 1 : 0, iso(this.clock.now()), attemptId, position],
    );
    if (written.changes !== 1) return this.answer(attemptId, position, chosen); // answered meanwhile: report that
    // What was just written, without reading the attempt back.
    const answered: AttemptItem = { ...item, chosen, correct };
    const updated: Attempt = { ...attempt, items: attempt.items.map((i) => (i.position === position ? answered : i)) };
    return { status: "recorded", correct, attempt: updated, item: answered, question };
  }

  /** Scores the attempt (unanswered questions count as wrong). Finishing twice changes nothing. */
  async finish(attemptId: string, passMark: number): Promise<Attempt> {
    const attempt = await this.get(attemptId);
    if (!attempt) throw new Error(`no attempt ${attemptId}`);
    if (attempt.finishedAt) return attempt;
    const score = attempt.items.filter((i) => i.correct).length;
    const finishedAt = iso(this.clock.now());
    await this.store.run(`UPDATE quiz_attempts SET finished_at = ?, score = ?, passed = ? WHERE id = ? AND finished_at IS NULL`, [
      finishedAt,
      score,
      score >= passMark ? 1 : 0,
      attemptId,
    ]);
    return { ...attempt, finishedAt, score, passed: score >= passMark };
  }

  /**
   * A whole lesson quiz from the Mini App, possibly sent again by an offline queue: the first
   * submission counts; a resend with the same answers returns it; different answers are a conflict.
   */
  async submitWhole(
    learnerId: number,
    attemptId: string,
    lessonId: number,
    answers: { questionId: string; chosen: number }[],
    passMark: number,
  ): Promise<WholeSubmission> {
    const fingerprint = createHash("sha256")
      .update(JSON.stringify([lessonId, answers.map((a) => [a.questionId, a.chosen])]))
      .digest("hex");
    const existing = await this.store.get<AttemptRow>(`SELECT * FROM quiz_attempts WHERE id = ?`, [attemptId]);
    if (existing) {
      if (existing.learner_id !== learnerId || existing.submission !== fingerprint) return { status: "conflict" };
      return { status: "ok", attempt: (await this.get(attemptId))!, firstTime: false };
    }
    const ids = new Set<string>();
    for (const a of answers) {
      const q = this.questions.get(a.questionId);
      if (!q || q.lesson !== lessonId) return { status: "invalid", message: `question ${a.questionId} is not in lesson ${lessonId}` };
      if (ids.has(a.questionId)) return { status: "invalid", message: `question ${a.questionId} answered twice` };
      ids.add(a.questionId);
    }
    const attempt = await this.store.transaction(async () => {
      await this.start(learnerId, "lesson", lessonId, answers.map((a) => this.questions.get(a.questionId)!), "app", attemptId);
      for (const [i, a] of answers.entries()) await this.answer(attemptId, i + 1, a.chosen);
      await this.store.run(`UPDATE quiz_attempts SET submission = ? WHERE id = ?`, [fingerprint, attemptId]);
      return this.finish(attemptId, passMark);
    });
    return { status: "ok", attempt, firstTime: true };
  }
}

function toAttempt(row: AttemptRow, items: ItemRow[]): Attempt {
  return {
    id: row.id,
    learnerId: row.learner_id,
    kind: row.kind,
    lessonId: row.lesson_id,
    channel: row.channel,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    score: row.score,
    total: row.total,
    passed: row.passed === null ? null : row.passed === 1,
    items: items.map((i) => ({
      position: i.position,
      questionId: i.question_id,
      token: i.token,
      chosen: i.chosen,
      correct: i.correct === null ? null : i.correct === 1,
    })),
  };
}
