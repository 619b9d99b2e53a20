import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// One runner, three projects: server and content run in Node, the Mini App in jsdom.
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
        plugins: [react()],
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
