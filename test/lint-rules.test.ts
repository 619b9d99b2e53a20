import path from "node:path";
import { fileURLToPath } from "node:url";
import { RuleTester, type Rule } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import { expectAwaited } from "../scripts/eslint-rules/expect-awaited.js";

// The rule asks the type checker, so the code under test is linted as a real file with its own tsconfig.
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/lint-rules");
const filename = path.join(fixtureDir, "file.ts");

RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: fixtureDir },
  },
});

// Every case starts with the same helpers: a Promise-returning function and real vitest types.
const prelude = `
import { expect, it } from "vitest";
declare function load(): Promise<number>;
declare function fail(): Promise<never>;
declare function count(): number;
declare function label(): string;
declare const maybe: Promise<number> | undefined;
`;
const valid = (code: string) => ({ name: code, code: prelude + code, filename });
const invalid = (code: string, ...messageIds: ("promiseNotUnwrapped" | "chainNotAwaited")[]) => ({
  name: code,
  code: prelude + code,
  filename,
  errors: messageIds.map((messageId) => ({ messageId })),
});

ruleTester.run("expect-awaited", expectAwaited as unknown as Rule.RuleModule, {
  valid: [
    valid(`it("a", async () => { expect(await load()).toBe(1); });`),
    // Plain values need no await.
    valid(`it("a", () => { expect(count()).toBe(3); expect(label()).toBeTruthy(); });`),
    valid(`it("a", async () => { await expect(load()).resolves.toBe(1); });`),
    valid(`it("a", async () => { await expect(load()).resolves.not.toBe(2); });`),
    valid(`it("a", async () => { await expect(fail()).rejects.toThrow("no"); });`),
    valid(`it("a", () => { return expect(fail()).rejects.toThrow(); });`),
    valid(`it("a", () => expect(load()).resolves.toBe(1));`),
    valid(`it("a", async () => { await Promise.all([expect(load()).resolves.toBe(1), expect(fail()).rejects.toThrow()]); });`),
    valid(`it("a", async () => { expect.soft(await load()).toBe(1); });`),
    // A function that returns a Promise is not itself a Promise.
    valid(`it("a", () => { expect(load).toBeTypeOf("function"); expect(() => load()).toBeDefined(); });`),
    // `then` that is not callable does not make a thenable.
    valid(`it("a", () => { expect({ then: 1 }).toEqual({ then: 1 }); });`),
    valid(`it("a", async () => { expect(await maybe).toBeUndefined(); });`),
  ],
  invalid: [
    // The bug the rule exists for: a Promise is truthy, so this passes whatever load() gives.
    invalid(`it("a", () => { expect(load()).toBeTruthy(); });`, "promiseNotUnwrapped"),
    invalid(`it("a", async () => { expect(load()).not.toBeNull(); });`, "promiseNotUnwrapped"),
    // Awaiting the assertion does not unwrap its subject.
    invalid(`it("a", async () => { await expect(load()).toBe(1); });`, "promiseNotUnwrapped"),
    invalid(`it("a", () => { expect(maybe).toBeDefined(); });`, "promiseNotUnwrapped"),
    invalid(`it("a", () => { expect.soft(load()).toBeTruthy(); });`, "promiseNotUnwrapped"),
    invalid(
      `const custom = { then(done: (v: number) => void) { done(1); } };
       it("a", () => { expect(custom).toBeTruthy(); });`,
      "promiseNotUnwrapped",
    ),
    invalid(`it("a", () => { const p = load(); expect(p).toEqual(expect.anything()); });`, "promiseNotUnwrapped"),
    // `.resolves` / `.rejects` that nobody waits for: the assertion runs after the test has ended.
    invalid(`it("a", () => { expect(load()).resolves.toBe(1); });`, "chainNotAwaited"),
    invalid(`it("a", async () => { expect(fail()).rejects.toThrow(); });`, "chainNotAwaited"),
    invalid(`it("a", async () => { const pending = expect(load()).resolves.toBe(1); });`, "chainNotAwaited"),
    invalid(`it("a", () => { void expect(load()).resolves.toBe(1); });`, "chainNotAwaited"),
    invalid(`it("a", () => { Promise.all([expect(load()).resolves.toBe(1)]); });`, "chainNotAwaited"),
    invalid(
      `it("a", async () => { expect(load()).resolves.toBe(1); await expect(fail()).rejects.toThrow(); expect(load()).toBe(1); });`,
      "chainNotAwaited",
      "promiseNotUnwrapped",
    ),
  ],
});
