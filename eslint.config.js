// ESLint is here as a safety net for promises only (a forgotten `await` in production code or in a test),
// not for style: typecheck covers types, and no stylistic rule is switched on.
import tseslint from "typescript-eslint";
import localRules from "./scripts/eslint-rules/expect-awaited.js";

export default tseslint.config(
  {
    // Built output, data and dependencies: never linted (and never parsed, which keeps `npm run lint` fast).
    ignores: [
      "**/node_modules/**",
      "www/**",
      "dist/**",
      "mini-app/dist/**",
      "test-results/**",
      "data/**",
      "bench/results/**",
      // TypeScript only: plain JS (this config, the local rule, mini-app/public) would get no rule anyway.
      "**/*.{js,mjs,cjs,jsx}",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: [
      "bot-server/**/*.{ts,tsx,mts,cts}",
      "content/**/*.{ts,tsx,mts,cts}",
      "test/**/*.{ts,tsx,mts,cts}",
      "bench/**/*.{ts,tsx,mts,cts}",
      "scripts/**/*.{ts,tsx,mts,cts}",
      "mini-app/src/**/*.{ts,tsx,mts,cts}",
    ],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin, local: localRules },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // Full checks, void-return ones included: Express 5 types accept async route handlers, and no React
      // attribute gets an async function today, so nothing here needs `checksVoidReturn` relaxed.
      "@typescript-eslint/no-misused-promises": "error",
      // An async function without `await` is fine (many store methods will simply return a Promise).
      "@typescript-eslint/require-await": "off",
      // `return promise` inside try/catch skips the catch (and the finally runs too early): await it there.
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "local/expect-awaited": "error",
    },
  },
);
