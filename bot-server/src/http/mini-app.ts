import { existsSync, readdirSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";

const DIST = fileURLToPath(new URL("../../../mini-app/dist/", import.meta.url));
/** Paths that belong to the server, never to the Mini App's router. */
const SERVER_PATHS = /^\/(api|sim|webhooks|healthz|c)(\/|$)/;

/**
 * Serves the built Mini App at / (the browser preview of what opens inside Zalo), with its client-side
 * routes (/lesson/3, /settings…) falling back to index.html.
 */
export function miniAppRouter(dist = DIST): Router {
  const router = Router();
  if (!existsSync(dist + "index.html")) {
    router.get("/", (_req, res) => {
      res
        .status(503)
        .type("html")
        .send(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>Kỹ Năng Số</title>
<p>Mini App chưa được build. Chạy <code>npm run build:app</code> rồi mở lại trang này. Trong lúc chờ, bạn có thể thử trò chuyện tại <a href="/sim">/sim</a>.</p></html>`);
    });
    return router;
  }
  // The build writes a .gz beside each script and stylesheet (mini-app/vite.config.ts): on 3G, sending
  // those instead of the raw files saves most of the first load.
  const gzipped = new Set(existsSync(dist + "assets") ? readdirSync(dist + "assets").filter((f) => f.endsWith(".gz")) : []);
  router.get(/^\/assets\/[^/]+$/, (req, res, next) => {
    const name = req.path.slice("/assets/".length);
    if (!gzipped.has(`${name}.gz`) || !/\bgzip\b/.test(req.get("Accept-Encoding") ?? "")) return next();
    res
      .type(extname(name))
      .set({ "Content-Encoding": "gzip", Vary: "Accept-Encoding", "Cache-Control": "public, max-age=604800, immutable" })
      .sendFile(`${dist}assets/${name}.gz`);
  });
  router.use(express.static(dist, { index: false, maxAge: "7d", immutable: true }));
  router.get(/.*/, (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || !req.accepts("html")) return next();
    res.set("Cache-Control", "no-cache").sendFile(dist + "index.html");
  });
  return router;
}
