// `npm run content:check`: validates the content tree, prints each problem, exits 1 if there are any.
// Optional arguments, for tests and for writers trying a copy: a content directory, and `--partial`
// to skip the completeness rules (12 lessons, 120 questions, 40 tips, 24 handbook scam types).
import { resolve } from "node:path";
import { checkContent, DEFAULT_CONTENT_DIR } from "./load.js";
import { formatProblem } from "./problems.js";

function main(args: readonly string[]): number {
  const dirArg = args.find((arg) => !arg.startsWith("--"));
  const dir = dirArg === undefined ? DEFAULT_CONTENT_DIR : resolve(dirArg);
  const { content, problems } = checkContent(dir, { requireComplete: !args.includes("--partial") });
  if (!content) {
    for (const problem of problems) console.log(formatProblem(problem));
    console.log(`content: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    return 1;
  }
  console.log(`content: ${content.lessons.length} lessons, ${content.questions.length} questions, ${content.tips.length} tips`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // A bug in the checker itself, not in the content: say so plainly instead of a bare stack trace.
  console.error("content: the checker crashed:", error);
  process.exitCode = 2;
}
