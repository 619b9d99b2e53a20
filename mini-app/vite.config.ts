import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * zmp-ui's ZMPRouter puts every production build under `/zapps/<APP_ID>` — right inside Zalo, a blank page
 * in a plain browser (the preview at the server's root, deep links from QR codes opened outside Zalo).
 * Decide by the host instead of the build mode: Zalo defines `window.APP_ID`, a browser does not.
 */
function zmpRouterBaseFromHost(): Plugin {
  const file = /zmp-ui[\\/](esm|cjs)[\\/]components[\\/]router[\\/]ZMPRouter\.js$/;
  const buildCheck = 'process.env.NODE_ENV === "production"';
  return {
    name: "zmp-router-base-from-host",
    enforce: "pre",
    transform(code, id) {
      if (!file.test(id)) return null;
      // Fail the build loudly if a zmp-ui upgrade changes the line, instead of shipping a blank preview.
      if (!code.includes(buildCheck)) this.error(`ZMPRouter no longer contains ${buildCheck}; revisit zmpRouterBaseFromHost`);
      return { code: code.replace(buildCheck, 'typeof window.APP_ID === "string" && window.APP_ID !== ""'), map: null };
    },
  };
}

// Built from the repository root (`vite build mini-app`); paths are relative to this file.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [zmpRouterBaseFromHost(), react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
