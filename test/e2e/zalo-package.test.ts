// The package `npm run deploy:app` uploads, run in Chromium the way Zalo runs it: Zalo does not use
// index.html; its page under /zapps/<APP_ID>/ loads what www/app-config.json lists (styles, the entry, then
// the rest with `async`) from the version's folder, with window.APP_ID set. Deep links put the page's own
// address elsewhere (/zapps/<APP_ID>/lesson/1), so a chunk imported relative to the page instead of the
// importing script would be fetched from the wrong folder. The API is the bot server at VITE_API_BASE (an
// https address, answered here by the real server in simulator mode).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot-server/src/config.js";
import { createLogger } from "../../bot-server/src/log.js";
import { startServer, type ServerHandle } from "../../bot-server/src/server.js";
import { launchChromium, phoneContext, screenshot } from "../support/browser.js";
import { content } from "../support/learning.js";
import { localEnv } from "../support/server.js";
import { buildZaloPackage, filesUnder, readBuiltAppConfig, ZALO_BUILD_ENV, type BuiltAppConfig } from "../support/zalo-package.js";

const APP_ID = "3141592653589793238";
/** Zalo's host stand-in: "localhost" makes zmp-sdk answer with its own stubs instead of the native bridge. */
const HOST = "http://localhost:4080";
const APP_PAGE = `/zapps/${APP_ID}/`;
/** Where the uploaded version's files are served (zmp-cli-core uses //h5.zdn.vn/zapps/<APP_ID>/<version>/). */
const PACKAGE = `/zapps/${APP_ID}/7/`;

/** The page Zalo's runtime builds from app-config.json (`*.module.js` are ES modules, as zmp-cli names them). */
function runtimePage(config: BuiltAppConfig): string {
  const url = (file: string) => JSON.stringify(PACKAGE + file);
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${config.listCSS.map((f) => `<link rel="stylesheet" href=${url(f)}>`).join("\n")}
</head><body><div id="app"></div>
<script>
  window.APP_ID = ${JSON.stringify(APP_ID)};
  // A Zalo recent enough for every API the app calls (zmp-sdk asks the host through this hook).
  window.isAPISupport = function () { return true; };
</script>
${config.listSyncJS.map((f) => `<script${f.endsWith(".module.js") ? ' type="module"' : ""} src=${url(f)}></script>`).join("\n")}
${config.listAsyncJS.map((f) => `<script type="module" async src=${url(f)}></script>`).join("\n")}
</body></html>`;
}

const TYPES: Record<string, string> = { js: "text/javascript", css: "text/css", json: "application/json" };

describe("the Zalo package in Chromium, loaded as Zalo loads it", { timeout: 120_000 }, () => {
  let server: ServerHandle;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let config: BuiltAppConfig;
  const packageFetches: string[] = [];
  const wrongFetches: string[] = [];
  const pageErrors: string[] = [];
  let lessonAsked = () => undefined as void;
  const lessonRequested = new Promise<void>((resolve) => (lessonAsked = resolve));
  let lessonBeforeEntry = false;

  beforeAll(async () => {
    const build = buildZaloPackage(ZALO_BUILD_ENV);
    expect(build.status, build.output).toBe(0);
    config = readBuiltAppConfig(build.www);
    const files = new Set(filesUnder(build.www));
    const entry = config.listSyncJS.find((f) => f.endsWith(".module.js"));

    server = await startServer(loadConfig(localEnv({ LOG_LEVEL: "warn" })), { log: createLogger("warn") });
    browser = await launchChromium();
    phone = await phoneContext(browser);
    await phone.route("**/*", async (route: Route) => {
      const url = new URL(route.request().url());
      if (url.origin === ZALO_BUILD_ENV.VITE_API_BASE) {
        if (url.pathname === "/api/lessons/1") lessonAsked();
        const response = await route.fetch({ url: server.url + url.pathname + url.search });
        return route.fulfill({ response });
      }
      if (url.origin === HOST && url.pathname.startsWith(PACKAGE) && files.has(url.pathname.slice(PACKAGE.length))) {
        const file = url.pathname.slice(PACKAGE.length);
        packageFetches.push(file);
        // The app cannot ask for anything before its entry arrives: a lesson request while the entry is
        // held back can only come from the prefetch.
        if (file === entry) lessonBeforeEntry ||= await Promise.race([lessonRequested.then(() => true), delay(10_000).then(() => false)]);
        return route.fulfill({ body: readFileSync(join(build.www, file)), contentType: TYPES[file.split(".").pop()!] });
      }
      if (url.origin === HOST && url.pathname.startsWith(APP_PAGE) && route.request().resourceType() === "document") {
        return route.fulfill({ body: runtimePage(config), contentType: "text/html" });
      }
      wrongFetches.push(url.href);
      return route.fulfill({ status: 404, body: "" });
    });
    page = await phone.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens a lesson from a deep link, fetched before the app's code arrives, and its quiz, a screen loaded on demand", async () => {
    await page.goto(`${HOST}${APP_PAGE}lesson/1`);
    await page.getByRole("heading", { name: content().lessons[0]!.sections[0]!.heading }).waitFor();
    await screenshot(page, "zalo-01-lesson-1");
    expect(lessonBeforeEntry).toBe(true);

    const quizChunk = config.listAsyncJS.find((f) => /\/lesson-quiz\.[\w-]+\.module\.js$/.test(f));
    expect(quizChunk).toBeDefined();
    await page.getByRole("button", { name: /^Làm bài kiểm tra/ }).click();
    await page.getByText("Câu 1/5").waitFor();
    await screenshot(page, "zalo-02-quiz");

    expect(wrongFetches).toEqual([]);
    expect(packageFetches).toContain(quizChunk);
    // Everything fetched was in the lists; each file once (the import() of a listed chunk reuses it).
    for (const file of packageFetches) expect([...config.listCSS, ...config.listSyncJS, ...config.listAsyncJS]).toContain(file);
    expect(new Set(packageFetches).size).toBe(packageFetches.length);
    expect(pageErrors).toEqual([]);
  });

  it("a link in a lesson's text opens the other lesson inside the app, without leaving /zapps/<APP_ID>/", async () => {
    await page.goto(`${HOST}${APP_PAGE}lesson/1`);
    await page.getByRole("heading", { name: content().lessons[0]!.sections[0]!.heading }).waitFor();
    // A page load (inside Zalo: h5.zdn.vn/lesson/5, outside the app) would drop this.
    await page.evaluate(() => ((window as { samePage?: boolean }).samePage = true));
    wrongFetches.length = 0;
    await page.locator("article.lesson").getByRole("link", { name: "Bài 5", exact: true }).first().click();
    await page.getByRole("heading", { name: content().lessons[4]!.sections[0]!.heading }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${APP_PAGE}lesson/5`);
    expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
    expect(wrongFetches).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("opens the final test from its own link, under the same app folder", async () => {
    packageFetches.length = 0;
    await page.goto(`${HOST}${APP_PAGE}final-test`);
    await page.getByRole("button", { name: "Bắt đầu làm bài" }).waitFor();
    expect(wrongFetches).toEqual([]);
    expect(packageFetches.some((f) => /\/final-test\.[\w-]+\.module\.js$/.test(f))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
