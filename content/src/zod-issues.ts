// Turns zod issues into Problems with plain-English messages and readable field paths.
import type { z } from "zod";
import type { FileProblems } from "./problems.js";

type PathSegment = PropertyKey;

/** ["questions", 3, "answer"] under "front matter" → "front matter.questions[3].answer". */
export function formatPath(prefix: string, path: readonly PathSegment[]): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(file)" : out;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: "text",
    number: "a number",
    int: "a whole number",
    array: "a list",
    object: "a mapping (key: value)",
    boolean: "true or false",
  };
  return names[expected] ?? expected;
}

/**
 * Per-parse error map: pass as `schema.safeParse(data, { error: plainEnglish })`. Messages set on a
 * schema itself (e.g. a regex's explanation) take precedence over this map.
 */
export function plainEnglish(issue: z.core.$ZodRawIssue): string | undefined {
  const input: unknown = issue.input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return "is missing";
      return `must be ${typeName(issue.expected)} (got ${describe(input)})`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "is empty" : `must be at least ${min} characters long`;
      if (issue.origin === "array") {
        const got = Array.isArray(input) ? input.length : 0;
        return issue.exact ? `must have exactly ${min} items (has ${got})` : `must have at least ${min} items (has ${got})`;
      }
      return `must be at least ${min} (got ${describe(input)})`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") {
        const got = typeof input === "string" ? input.length : 0;
        return `is ${got} characters long; the limit is ${max}`;
      }
      if (issue.origin === "array") {
        const got = Array.isArray(input) ? input.length : 0;
        return issue.exact ? `must have exactly ${max} items (has ${got})` : `must have at most ${max} items (has ${got})`;
      }
      return `must be at most ${max} (got ${describe(input)})`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => String(v)).join(", ")} (got ${describe(input)})`;
    case "not_multiple_of":
      return `must be a whole number (got ${describe(input)})`;
    default:
      return undefined;
  }
}

/** Reports every issue of a failed parse; unknown keys become one problem per key, on that key. */
export function reportZodError(error: z.ZodError, prefix: string, out: FileProblems): void {
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.add(formatPath(prefix, [...issue.path, key]), "is not a known field (check the spelling)");
      }
    } else {
      out.add(formatPath(prefix, issue.path), issue.message);
    }
  }
}
