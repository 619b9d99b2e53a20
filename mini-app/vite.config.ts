import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin } from "vite";

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

/**
 * A `.gz` copy of every script and stylesheet, so the bot server can send a third of the bytes without
 * compressing on each request (bot-server/src/http/mini-app.ts serves them).
 */
function gzipAssets(): Plugin {
  return {
    name: "gzip-assets",
    apply: "build",
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const [file, output] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const content = output.type === "chunk" ? output.code : output.source;
        writeFileSync(join(dir, `${file}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * People mostly arrive on a lesson link (QR code, OA message). A few bytes of inline script ask for that
 * lesson while the app's JavaScript is still downloading; lessons/api.ts picks the answer up.
 */
function prefetchLinkedLesson(apiBase: string): Plugin {
  const script = String.raw`(function(){var m=/\/lesson\/(\d{1,3})\/?$/.exec(location.pathname);if(m&&window.fetch){var r=fetch(${JSON.stringify(apiBase)}+"/api/lessons/"+m[1],{headers:{Accept:"application/json"}});r.catch(function(){});window.__knsLesson={id:+m[1],response:r}}})()`;
  return {
    name: "prefetch-linked-lesson",
    transformIndexHtml: () => [{ tag: "script", children: script, injectTo: "head" }],
  };
}

// Built from the repository root (`vite build mini-app`); paths are relative to this file.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig(({ mode }) => ({
  root,
  plugins: [zmpRouterBaseFromHost(), react(), prefetchLinkedLesson(loadEnv(mode, root, "VITE_").VITE_API_BASE ?? ""), gzipAssets()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
}));
