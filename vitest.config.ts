import { defineConfig } from "vitest/config";

// One runner, three projects: server and content run in Node, the Mini App in jsdom. vitest runs its own
// Vite 8, which compiles TSX/JSX itself (the app's build uses Vite 5 with @vitejs/plugin-react 5, whose
// esbuild options Vite 8 only warns about).
// test/postgres/ holds what only a shared PostgreSQL store can show (several instances at once): part of
// the PostgreSQL pass (`npm run test:postgres`, KNS_TEST_POSTGRES_URL set), not of `npm test`.
const postgres = Boolean(process.env.KNS_TEST_POSTGRES_URL);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          environment: "node",
          include: ["bot-server/test/**/*.test.ts", "content/test/**/*.test.ts", "test/**/*.test.ts"],
          exclude: postgres ? [] : ["test/postgres/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "mini-app",
          environment: "jsdom",
          include: ["mini-app/test/**/*.test.{ts,tsx}"],
          setupFiles: ["mini-app/test/setup.ts"],
        },
      },
    ],
  },
});
