import { defineConfig } from "vitest/config";

// One runner, three projects: server and content run in Node, the Mini App in jsdom. vitest runs its own
// Vite 8, which compiles TSX/JSX itself (the app's build uses Vite 5 with @vitejs/plugin-react 5, whose
// esbuild options Vite 8 only warns about).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          environment: "node",
          include: ["bot-server/test/**/*.test.ts", "content/test/**/*.test.ts", "test/**/*.test.ts"],
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
