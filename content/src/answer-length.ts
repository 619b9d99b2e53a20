// Does option length give the answer away? Measures a bank the way a test-wise guesser would read it.
//
// Definitions (shared by `npm run content:check` and `answer-stats.ts`):
// * An option's length is the number of Unicode code points of its NFC form, trimmed, with each run of
//   white space counted as one character. For Vietnamese in NFC a code point is one letter.
// * "Longest" (ties included): no other option is longer than the correct one.
// * "Strictly longest": the correct option is longer than each of the other three.
// * The rule uses the guesser's score: someone who always picks the longest option, choosing at random
//   among options that share the longest length, expects 1 point when the correct option is strictly the
//   longest, 1/k when it shares the longest length with k − 1 others, 0 otherwise. Four options of equal
//   length therefore score 1/4, the same as blind guessing.
//   Counting a tie as 1/k is looser than counting it fully (as a win for the guesser): it is what the
//   guesser really gains, since nothing tells the tied options apart, and counting ties fully would fail
//   banks whose options are all about as long, the very banks whose lengths give nothing away.
// * The opposite give-away: a correct option that is almost never the shortest lets a guesser strike the
//   shortest option out and pick among three. A bank of at least `minShortestAnswerBank` questions fails
//   when the correct option is the shortest (ties count) in fewer than `minShortestAnswerShare` of them;
//   in a smaller bank that share is less than one question, so it is not judged.
import type { FileProblems } from "./problems.js";
import { LIMITS } from "./rules.js";
import type { AnswerIndex, ChoiceQuestion } from "./schema.js";

/** One bank of questions judged together: a lesson's question file, or all the tips' check questions. */
export interface QuestionBank {
  /** Path relative to the content directory, e.g. "questions/07-mua-sam-truc-tuyen.yaml". */
  file: string;
  questions: readonly BankQuestion[];
}

export interface BankQuestion extends Pick<ChoiceQuestion, "options" | "answer"> {
  /** How a writer finds the question: its id, or the tip's id for a tip check. */
  id: string;
}

export function optionLength(option: string): number {
  return [...option.normalize("NFC").trim().replace(/\s+/gu, " ")].length;
}

export interface LengthVerdict {
  /** No other option is longer than the correct one. */
  longest: boolean;
  /** No other option is shorter than the correct one (the opposite give-away: "never pick the longest"). */
  shortest: boolean;
  /** The correct option is longer than every other option. */
  strictlyLongest: boolean;
  /** Expected score of the always-pick-the-longest guesser on this question: 1, 1/k or 0. */
  guessScore: number;
}

export function judgeLength(question: Pick<ChoiceQuestion, "options" | "answer">): LengthVerdict {
  const lengths = question.options.map(optionLength);
  const max = Math.max(...lengths);
  const sharing = lengths.filter((length) => length === max).length;
  const longest = lengths[question.answer] === max;
  const shortest = lengths[question.answer] === Math.min(...lengths);
  return { longest, shortest, strictlyLongest: longest && sharing === 1, guessScore: longest ? 1 / sharing : 0 };
}

export interface BankStats {
  questions: number;
  longest: number;
  strictlyLongest: number;
  /** Questions whose correct option is the shortest (ties count). */
  shortest: number;
  /** The guesser's expected number of right answers in the bank (may be fractional because of ties). */
  guessScore: number;
  /** How often A, B, C, D is the correct answer. */
  positions: [number, number, number, number];
  /** Ids of the questions whose correct option is strictly the longest. */
  strictlyLongestIds: string[];
}

export function bankStats(questions: readonly BankQuestion[]): BankStats {
  const stats: BankStats = { questions: questions.length, longest: 0, strictlyLongest: 0, shortest: 0, guessScore: 0, positions: [0, 0, 0, 0], strictlyLongestIds: [] };
  for (const question of questions) {
    const verdict = judgeLength(question);
    if (verdict.longest) stats.longest++;
    if (verdict.shortest) stats.shortest++;
    if (verdict.strictlyLongest) {
      stats.strictlyLongest++;
      stats.strictlyLongestIds.push(question.id);
    }
    stats.guessScore += verdict.guessScore;
    stats.positions[question.answer as AnswerIndex]++;
  }
  return stats;
}

/** "Pick the longest option" must not beat the cap: otherwise the bank tests reading, not the lesson. */
export function checkLengthGiveaway(bank: QuestionBank, out: FileProblems, stats = bankStats(bank.questions)): void {
  if (bank.questions.length === 0) return;
  const share = stats.guessScore / stats.questions;
  // A small epsilon so that exactly 35 % (7 of 20) is allowed despite floating-point sums of 1/k.
  if (share <= LIMITS.maxLongestAnswerShare + 1e-9) return;
  const ids = stats.strictlyLongestIds.length > 0 ? `; strictly longest in ${stats.strictlyLongestIds.join(", ")}` : "";
  out.add(
    "answers",
    `picking the longest option scores ${formatScore(stats.guessScore)} of ${stats.questions} (${Math.round(share * 100)} %)` +
      `; at most ${LIMITS.maxLongestAnswerShare * 100} % is allowed, so the length does not give the answer away` +
      `${ids}. Lengthen a wrong option with realistic detail or tighten the right one`,
  );
}

/** "Never pick the shortest option" must not work either: the correct one is sometimes the shortest. */
export function checkShortestGiveaway(bank: QuestionBank, out: FileProblems, stats = bankStats(bank.questions)): void {
  if (bank.questions.length < LIMITS.minShortestAnswerBank) return;
  if (stats.shortest >= LIMITS.minShortestAnswerShare * stats.questions) return;
  out.add(
    "answers",
    `the correct option is the shortest in ${stats.shortest} of ${stats.questions} questions (${Math.round((stats.shortest / stats.questions) * 100)} %)` +
      `; at least ${LIMITS.minShortestAnswerShare * 100} % is needed, or striking out the shortest option gives a free hint.` +
      ` Shorten a right option or lengthen the wrong ones with realistic detail`,
  );
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
