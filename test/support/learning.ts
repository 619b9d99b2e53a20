import { loadContent, type Content } from "../../content/src/index.js";
import type { Clock } from "../../bot-server/src/clock.js";
import { Learning } from "../../bot-server/src/learning/index.js";
import { openTestStore } from "./database.js";
import { userId } from "./server.js";

let cached: Content | undefined;
/** The real content, loaded once per test file. */
export function content(): Content {
  return (cached ??= loadContent());
}

/**
 * Answers to the first `n` questions of a lesson's bank as the Mini App API takes them: the first
 * `right` answered right, the rest wrong.
 */
export function lessonAnswers(lessonId: number, right = 5, n = 5): { questionId: string; chosen: number }[] {
  return content()
    .questionsByLesson.get(lessonId)!
    .slice(0, n)
    .map((q, i) => ({ questionId: q.id, chosen: i < right ? q.answer : (q.answer + 1) % 4 }));
}

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(public t = new Date("2026-11-23T03:00:00Z")) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export async function learningFixture() {
  const clock = new FakeClock();
  const store = await openTestStore();
  const learning = new Learning(store, clock, content(), { timeZone: "Asia/Ho_Chi_Minh" });
  const learner = (n = 1) => learning.learners.touch(userId(n), clock.now());
  return { clock, store, learning, learner };
}
