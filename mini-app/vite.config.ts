import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin, type Rollup, type UserConfig } from "vite";
import { zaloBuildEnv } from "./build/zalo-env";
import { zaloPackage, type AppConfig } from "./build/zalo-package";

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
 * People mostly arrive on a lesson link (QR code, OA message). A few bytes of script ask for that lesson
 * while the app's JavaScript is still downloading; lessons/api.ts picks the answer up. Also matches the
 * Zalo page's /zapps/<APP_ID>/lesson/3.
 */
function lessonPrefetchScript(apiBase: string): string {
  return String.raw`(function(){var m=/\/lesson\/(\d{1,3})\/?$/.exec(location.pathname);if(m&&window.fetch){var r=fetch(${JSON.stringify(apiBase)}+"/api/lessons/"+m[1],{headers:{Accept:"application/json"}});r.catch(function(){});window.__knsLesson={id:+m[1],response:r}}})()`;
}

/** The preview: the prefetch inline in index.html. */
function prefetchLinkedLesson(apiBase: string): Plugin {
  const script = lessonPrefetchScript(apiBase);
  return {
    name: "prefetch-linked-lesson",
    transformIndexHtml: () => [{ tag: "script", children: script, injectTo: "head" }],
  };
}

// Built from the repository root (`vite build mini-app`); paths are relative to this file.
const root = fileURLToPath(new URL(".", import.meta.url));

/** Rollup drops misplaced `@__PURE__` comments in zod's sources and says so at length on every build. */
const quietAboutDependencies: Rollup.WarningHandlerWithDefault = (warning, warn) => {
  if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("/node_modules/")) return;
  warn(warning);
};

/**
 * The `qrcode` library (loaded only when the server sent no QR picture) resolves to its lib/browser.js,
 * so Rollup would name its chunk "browser", which reads like the browser-only platform adapter. It is
 * not (the adapter is in the entry chunk), and it is needed inside Zalo too: only the name changes here,
 * not how chunks are cut (manualChunks would pull shared helpers into it and make the entry import it).
 */
function chunkNames(pattern: string): Rollup.OutputOptions {
  return {
    chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]qrcode[\\/]/.test(id)) ? pattern.replace("[name]", "qrcode") : pattern),
  };
}

/** `npm run build:zalo` (`--mode zalo`): the package for `zmp deploy`, in www/ at the repository root. */
const ZALO_MODE = "zalo";

/** The browser preview the bot server serves at `/`: absolute paths, gzip copies, service worker. */
function previewConfig(mode: string): UserConfig {
  return {
    root,
    plugins: [zmpRouterBaseFromHost(), react(), prefetchLinkedLesson(loadEnv(mode, root, "VITE_").VITE_API_BASE ?? ""), gzipAssets()],
    build: { outDir: "dist", emptyOutDir: true, rollupOptions: { onwarn: quietAboutDependencies, output: chunkNames("assets/[name]-[hash].js") } },
    server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  };
}

/**
 * What Zalo runs: files named and listed as zmp-cli expects (mini-app/build/zalo-package.ts). No index.html
 * (Zalo does not load it), no service worker (Zalo keeps the package), no gzip copies (zmp-cli uploads
 * .js, .css and .json). Refuses to build without the bot server's https address and the OA id.
 */
function zaloConfig(mode: string): UserConfig {
  const env = zaloBuildEnv(loadEnv(mode, root, "VITE_"));
  const appConfig = JSON.parse(readFileSync(join(root, "app-config.json"), "utf8")) as AppConfig;
  return {
    root,
    publicDir: false,
    // Zalo has no index.html to inline the prefetch in: it becomes a plain script listed before the entry.
    plugins: [zmpRouterBaseFromHost(), react(), zaloPackage(appConfig, [{ name: "lesson-prefetch.js", source: lessonPrefetchScript(env.VITE_API_BASE) }])],
    // Exactly the values checked above, whatever else the environment holds.
    define: {
      "import.meta.env.VITE_API_BASE": JSON.stringify(env.VITE_API_BASE),
      "import.meta.env.VITE_ZALO_OA_ID": JSON.stringify(env.VITE_ZALO_OA_ID),
    },
    // zmp deploy --existing looks for www/app-config.json under the folder it runs in.
    // zmp-vite-plugin's own output options come first and these override them: keep its file names.
    build: { outDir: join(root, "../www"), emptyOutDir: true, rollupOptions: { onwarn: quietAboutDependencies, output: chunkNames("assets/[name].[hash].module.js") } },
  };
}

export default defineConfig(({ mode }) => (mode === ZALO_MODE ? zaloConfig(mode) : previewConfig(mode)));
