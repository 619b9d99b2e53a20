// Types for the plain-JS rule (ESLint loads eslint.config.js and its plugins without a TS loader).
import type { TSESLint } from "@typescript-eslint/utils";

export const expectAwaited: TSESLint.RuleModule<"promiseNotUnwrapped" | "chainNotAwaited", []>;
declare const plugin: { meta: { name: string }; rules: { "expect-awaited": typeof expectAwaited } };
export default plugin;
