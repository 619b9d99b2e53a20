// `npx tsx content/src/answer-stats.ts [content-dir]`: per question bank, how much the option lengths
// and the answer positions give away. Prints a Markdown table; works even when the content has problems
// (it reads whatever questions loaded). Definitions of "longest" are in answer-length.ts.
import { resolve } from "node:path";
import { type BankStats, bankStats, type QuestionBank } from "./answer-length.js";
import { checkContent, DEFAULT_CONTENT_DIR } from "./load.js";
import { ANSWER_LETTERS, LIMITS } from "./rules.js";

const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)} %`);

function row(name: string, stats: BankStats): string {
  const positions = stats.positions.map((count, i) => `${ANSWER_LETTERS[i]} ${count}`).join(" · ");
  const cells = [
    name,
    String(stats.questions),
    `${stats.longest} (${percent(stats.longest, stats.questions)})`,
    `${stats.strictlyLongest} (${percent(stats.strictlyLongest, stats.questions)})`,
    percent(stats.guessScore, stats.questions),
    `${stats.shortest} (${percent(stats.shortest, stats.questions)})`,
    positions,
  ];
  return `| ${cells.join(" | ")} |`;
}

export function formatStats(banks: readonly QuestionBank[]): string {
  const lines = [
    "| bank | questions | correct is longest (ties count) | correct is strictly longest | pick-longest score (rule) | correct is shortest (ties count) | answer positions |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const bank of banks) lines.push(row(bank.file.replace(/^questions\//, "").replace(/\.yaml$/, ""), bankStats(bank.questions)));
  const lessonBanks = banks.filter((bank) => bank.file.startsWith("questions/"));
  lines.push(row("**all lesson banks**", bankStats(lessonBanks.flatMap((bank) => bank.questions))));
  lines.push(row("**everything**", bankStats(banks.flatMap((bank) => bank.questions))));
  lines.push(
    "",
    `Rules: a bank fails when the pick-longest score is above ${LIMITS.maxLongestAnswerShare * 100} %, or (from ${LIMITS.minShortestAnswerBank} questions) when the correct option is the shortest in under ${LIMITS.minShortestAnswerShare * 100} %.`,
  );
  return lines.join("\n");
}

const dirArg = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
const { banks } = checkContent(dirArg === undefined ? DEFAULT_CONTENT_DIR : resolve(dirArg), { requireComplete: false });
console.log(formatStats(banks));
