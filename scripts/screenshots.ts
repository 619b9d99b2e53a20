// npm run screenshots — drives the /sim page in Debian's Chromium and saves README pictures.
import { mkdirSync } from "node:fs";
import { loadConfig } from "../bot-server/src/config.js";
import { createLogger } from "../bot-server/src/log.js";
import { startServer } from "../bot-server/src/server.js";
import { launchChromium } from "../test/support/browser.js";
import { tempDbPath } from "../test/support/server.js";

const out = new URL("../docs/screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await startServer(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: tempDbPath(), LOG_LEVEL: "warn" }), { log: createLogger("warn") });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 }, deviceScaleFactor: 2, locale: "vi-VN" });
  await page.goto(`${server.url}/sim`);
  await page.fill("#newName", "Bà Lan");
  await page.click("#create");
  await page.click("#follow");
  await page.getByText("Chào mừng bạn đến với Kỹ Năng Số").waitFor();
  await page.fill("#text", "trợ giúp");
  await page.click("#composer button[type=submit]");
  await page.getByText("Bạn có thể nhắn cho tôi").first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out + "sim.png" });

  const app = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "vi-VN" });
  await app.goto(`${server.url}/`);
  await app.waitForTimeout(1500);
  await app.screenshot({ path: out + "mini-app-home.png" });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
