/** One thing wrong with the content, addressed so a writer can find and fix it. */
export interface Problem {
  /** Path relative to the content directory, e.g. "questions/01-trinh-duyet-an-toan.yaml". */
  file: string;
  /** Where in the file, e.g. "questions[3].answer", "front matter.summary", 'section "Điều cần nhớ"'. */
  field: string;
  /** What is wrong, in plain English. */
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `content/${problem.file}: ${problem.field}: ${problem.message}`;
}

/** Thrown by loadContent when the content is not valid; carries every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`content has ${count}:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** Collects problems as the loader walks the files, so one run reports all of them. */
export class ProblemLog {
  readonly problems: Problem[] = [];

  add(file: string, field: string, message: string): void {
    this.problems.push({ file, field, message });
  }

  /** A view that fills in the file name, for code that works on one file. */
  forFile(file: string): FileProblems {
    return { file, add: (field, message) => this.add(file, field, message) };
  }

  get count(): number {
    return this.problems.length;
  }
}

export interface FileProblems {
  readonly file: string;
  add(field: string, message: string): void;
}
