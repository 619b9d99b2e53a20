import { loadConfig } from "../bot-server/src/config.js";
import { createLogger } from "../bot-server/src/log.js";
import { startServer } from "../bot-server/src/server.js";
import { launchChromium, phoneContext } from "../test/support/browser.js";
import { tempDbPath } from "../test/support/server.js";
const server = await startServer(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: tempDbPath(), LOG_LEVEL: "warn" }), { log: createLogger("warn") });
const browser = await launchChromium();
const ctx = await phoneContext(browser);
const page = await ctx.newPage();
const dump = async (name: string) => {
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/e2e/${name}.png` });
  const buttons = await page.locator("button, a, [role=button]").allInnerTexts();
  console.log(name, page.url(), JSON.stringify(buttons.map((b) => b.replace(/\s+/g, " ").trim()).filter(Boolean).slice(0, 30)));
};
try {
  await page.goto(`${server.url}/?src=BUUDIEN-01`);
  await dump("home");
  await page.goto(`${server.url}/lesson/1`);
  await dump("lesson1");
  await page.goto(`${server.url}/lesson/1/quiz`);
  await dump("quiz");
  await page.goto(`${server.url}/final-test`);
  await dump("final");
  await page.goto(`${server.url}/settings`);
  await dump("settings");
} finally {
  await browser.close();
  await server.stop();
}
