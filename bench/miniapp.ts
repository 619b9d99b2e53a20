// npm run bench:miniapp — what a citizen on 3G waits for. Prints JS/CSS sizes (raw and gzip) of the
// initial load and of each lazy chunk, then the time until lesson 1's text is visible in Chromium with
// the network throttled to 1.6 Mbps / 150 ms RTT and the CPU slowed 4×, against the same lesson served
// as static HTML in the same run.
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { loadContent, renderMarkdown } from "../content/src/index.js";
import { loadConfig } from "../bot-server/src/config.js";
import { createLogger } from "../bot-server/src/log.js";
import { startServer } from "../bot-server/src/server.js";
import { launchChromium } from "../test/support/browser.js";
import { localEnv } from "../test/support/server.js";

const DIST = new URL("../mini-app/dist/", import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function sizes() {
  const html = readFileSync(DIST + "index.html", "utf8");
  const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]!));
  // Modules the entry preloads are part of the initial load too.
  const files = readdirSync(DIST + "assets").map((f) => `assets/${f}`);
  const rows = files
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const buf = readFileSync(DIST + f);
      return { file: f, initial: initial.has(f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    });
  const sum = (pick: (r: (typeof rows)[number]) => boolean, key: "raw" | "gzip") => rows.filter(pick).reduce((a, r) => a + r[key], 0);
  console.log("\nbundle (mini-app/dist)");
  for (const r of rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip)) {
    console.log(`  ${r.initial ? "initial" : "lazy   "}  ${r.file.padEnd(44)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
  }
  const initialJs = sum((r) => r.initial && r.file.endsWith(".js"), "gzip");
  console.log(`  initial JS ${kb(sum((r) => r.initial && r.file.endsWith(".js"), "raw"))} raw, ${kb(initialJs)} gzip (budget 150 KB gzip)`);
  console.log(`  initial CSS ${kb(sum((r) => r.initial && r.file.endsWith(".css"), "raw"))} raw, ${kb(sum((r) => r.initial && r.file.endsWith(".css"), "gzip"))} gzip`);
  return initialJs;
}

async function throttled(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

async function timeToText(url: string, text: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    await throttled(page);
    const start = Date.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.getByText(text, { exact: false }).first().waitFor({ timeout: 60_000 });
    return Date.now() - start;
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const initialJs = sizes();
  const content = loadContent();
  const lesson = content.lessons[0]!;
  const probe = lesson.sections[0]!.heading;

  const server = await startServer(loadConfig(localEnv({ LOG_LEVEL: "warn" })), {
    log: createLogger("warn"),
    content,
  });
  // Baseline: the same lesson as one static HTML page, no JavaScript.
  const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${lesson.title}</title><h1>${lesson.title}</h1>${renderMarkdown(lesson.intro)}${lesson.sections.map((s) => `<h2>${s.heading}</h2>${s.html}`).join("")}</html>`;
  const statik = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page));
  await new Promise<void>((r) => statik.listen(0, "127.0.0.1", r));
  const staticUrl = `http://127.0.0.1:${(statik.address() as AddressInfo).port}/`;

  const app: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await timeToText(staticUrl, probe));
    app.push(await timeToText(`${server.url}/lesson/1`, probe));
  }
  statik.close();
  await server.stop();
  const a = median(app);
  const b = median(base);
  console.log(`\nlesson 1 text visible (median of ${RUNS}, 1.6 Mbps / 150 ms RTT, CPU ×4, 360×740, cold cache)`);
  console.log(`  static HTML baseline  ${String(b).padStart(6)} ms`);
  console.log(`  Mini App /lesson/1    ${String(a).padStart(6)} ms   (budget 2500 ms)`);
  console.log(`  ratio app / static    ${(a / b).toFixed(2)}`);
  console.log(`\nverdict: initial JS ${initialJs <= 150 * 1024 ? "within" : "OVER"} budget; lesson text ${a <= 2500 ? "within" : "OVER"} budget`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
