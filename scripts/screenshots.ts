// npm run screenshots — drives the /sim page in Debian's Chromium and saves README pictures.
import { mkdirSync } from "node:fs";
import { loadConfig } from "../bot-server/src/config.js";
import { createLogger } from "../bot-server/src/log.js";
import { startServer } from "../bot-server/src/server.js";
import { launchChromium } from "../test/support/browser.js";
import { localEnv } from "../test/support/server.js";

const out = new URL("../docs/screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await startServer(loadConfig(localEnv({ LOG_LEVEL: "warn" })), { log: createLogger("warn") });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 }, deviceScaleFactor: 2, locale: "vi-VN" });
  await page.goto(`${server.url}/sim`);
  await page.fill("#newName", "Bà Lan");
  await page.click("#create");
  await page.click("#follow");
  await page.getByText("Chào mừng bạn đến với Kỹ Năng Số").waitFor();
  await page.getByRole("button", { name: "Không đồng ý" }).last().click();
  await page.fill("#text", "kiểm tra bài 1");
  await page.click("#composer button[type=submit]");
  await page.getByText("Câu 1/5").first().waitFor();
  await page.getByRole("button", { name: /^A\. / }).last().click();
  await page.getByText("Câu 2/5").first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out + "sim.png" });

  const app = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "vi-VN" });
  await app.goto(`${server.url}/`);
  await app.getByText(/Bạn đã học xong/).waitFor();
  await app.waitForTimeout(500); // page transition
  await app.screenshot({ path: out + "mini-app-home.png" });
  await app.getByRole("button", { name: /Học tiếp/ }).click();
  await app.getByRole("heading", { level: 2 }).first().waitFor();
  await app.waitForTimeout(500);
  await app.screenshot({ path: out + "mini-app-lesson.png" });
  await app.goto(`${server.url}/lesson/1/quiz`);
  await app.getByText("Câu 1/5").waitFor();
  await app.getByRole("group", { name: "Các câu trả lời" }).getByRole("button").first().click();
  await app.getByRole("button", { name: "Câu tiếp theo" }).waitFor();
  await app.screenshot({ path: out + "mini-app-quiz.png" });
  // Older eyes: the largest text size, set in Cài đặt, on a lesson.
  await app.goto(`${server.url}/settings`);
  await app.getByRole("radio", { name: "200%" }).click();
  await app.goto(`${server.url}/lesson/1`);
  await app.getByRole("heading", { level: 2 }).first().waitFor();
  await app.screenshot({ path: out + "mini-app-lesson-200.png" });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
