// The Mini App end to end in Debian's Chromium at 360×740, against the real server (simulator mode, its
// own database, the processing thread): a person arrives from a post-office QR code, reads lesson 1,
// passes its quiz, passes the final test, gets a certificate that another phone can check, and reads an
// already opened lesson offline. Screenshots are kept in test-results/screenshots/.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../content/src/schema.js";
import { loadConfig } from "../../bot-server/src/config.js";
import { createLogger } from "../../bot-server/src/log.js";
import { startServer, type ServerHandle } from "../../bot-server/src/server.js";
import { launchChromium, phoneContext, screenshot } from "../support/browser.js";
import { content } from "../support/learning.js";
import { localEnv } from "../support/server.js";

const QR_SOURCE = "BUUDIEN-NGHEAN-01";
const CERT_NAME = "Nguyễn Thị Lan";

/** How far the document and zmp-ui's page container are scrolled. */
const scrolled = (p: Page) =>
  p.evaluate(() => ({ document: document.scrollingElement!.scrollTop, page: document.querySelector(".zaui-page")?.scrollTop ?? 0 }));

/** Whether an element lies wholly inside the 740 px high screen. */
const inView = (p: Page, name: string) =>
  p.getByRole("button", { name }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

let server: ServerHandle;
let browser: Browser;
let phone: BrowserContext;
let page: Page;

/** The bank's answer to a question as the app shows it (the app's own answer key is not used). */
function bankAnswer(questionText: string): string {
  const q: Question | undefined = content().questions.find((x) => x.question === questionText.normalize("NFC").trim());
  expect(q, `question "${questionText}" is in the bank`).toBeDefined();
  return q!.options[q!.answer]!;
}

/** Taps the option whose text is the bank's answer to the question on screen. */
async function answerFromBank(headingId: string): Promise<void> {
  const question = await page.locator(`#${headingId}`).innerText();
  const right = bankAnswer(question);
  const options = page.getByRole("group", { name: "Các câu trả lời" }).getByRole("button");
  const texts = await options.locator(".choice-text").allInnerTexts();
  const index = texts.findIndex((t) => t.trim() === right);
  expect(index, `"${right}" is one of the options of "${question}"`).toBeGreaterThanOrEqual(0);
  await options.nth(index).click();
}

function learnerFromQr() {
  return server.store.get<{ id: number }>(`SELECT * FROM learners WHERE first_source = ?`, [QR_SOURCE]);
}

describe("Mini App in Chromium on a small phone", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const config = loadConfig(localEnv({ LOG_LEVEL: "warn" }));
    server = await startServer(config, { log: createLogger("warn") });
    browser = await launchChromium();
    phone = await phoneContext(browser);
    page = await phone.newPage();
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("takes a person from a QR code through lesson 1 and its quiz, saved on the server", async () => {
    await page.goto(`${server.url}/?src=${QR_SOURCE}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("vi");
    await page.getByRole("button", { name: /Học tiếp/ }).click();
    await page.getByRole("heading", { name: /Bài 1:/ }).waitFor();
    await page.getByRole("heading", { name: content().lessons[0]!.sections[0]!.heading }).waitFor();
    await screenshot(page, "01-lesson-1");

    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    await page.getByText("Câu 1/5").waitFor();
    await screenshot(page, "02-quiz-question");
    for (let i = 1; i <= 5; i++) {
      await page.getByText(`Câu ${i}/5`).waitFor();
      await answerFromBank("quiz-q");
      await page.getByText("Đúng rồi!").waitFor();
      // The feedback and its button come into view after the tap, whatever was on screen before.
      await expect.poll(() => inView(page, i < 5 ? "Câu tiếp theo" : "Xem kết quả")).toBe(true);
      if (i === 1) await screenshot(page, "03-quiz-feedback");
      await page.getByRole("button", { name: i < 5 ? "Câu tiếp theo" : "Xem kết quả" }).click();
    }
    await page.getByRole("link", { name: "Học bài tiếp theo" }).or(page.getByRole("button", { name: "Học bài tiếp theo" })).waitFor();
    await screenshot(page, "04-quiz-result");

    // The server has it, under the person who came from the QR code (first-touch attribution).
    await expect.poll(async () => (await learnerFromQr())?.id, { timeout: 10_000 }).toBeDefined();
    const learnerId = (await learnerFromQr())!.id;
    await expect
      .poll(async () => (await server.learning.progress.lessons(learnerId)).find((l) => l.id === 1), { timeout: 10_000 })
      .toMatchObject({ status: "done", quizBest: 5, quizPassed: true });
  });

  it("opens every screen at its top: lesson 12 does not open where lesson 1 was left", async () => {
    await page.goto(`${server.url}/lesson/1`);
    await page.getByRole("heading", { name: content().lessons[0]!.sections[0]!.heading }).waitFor();
    await page.mouse.wheel(0, 3000);
    await expect.poll(async () => (await scrolled(page)).document).toBeGreaterThan(500);
    await page.getByRole("button", { name: /Quay lại/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /bài học/i }).waitFor();
    const twelve = page.getByText(content().lessons[11]!.title).first();
    await twelve.scrollIntoViewIfNeeded();
    expect((await scrolled(page)).document).toBeGreaterThan(0); // the list itself was scrolled to reach lesson 12
    await twelve.click();
    await page.getByRole("heading", { name: /Bài 12:/ }).waitFor();
    await page.getByRole("heading", { name: content().lessons[11]!.sections[0]!.heading }).waitFor();
    expect(await scrolled(page)).toEqual({ document: 0, page: 0 });
    await screenshot(page, "04b-lesson-12-at-top");
  });

  it("passes the final test with answers from the bank and shows a certificate another phone can check", async () => {
    // Consent and large text (200 %) in Settings: the pages must still work.
    await page.goto(`${server.url}/settings`);
    await page.getByLabel("200%").click();
    await page.getByLabel("Đồng ý", { exact: true }).click();
    await page.getByText("Đã lưu: bạn đồng ý.").waitFor();
    await screenshot(page, "05-settings");
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("36px");

    await page.goto(`${server.url}/final-test`);
    await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await page.getByText("Câu 1/20").waitFor();
    const lessonsSeen = new Set<number>();
    for (let i = 1; i <= 20; i++) {
      await page.getByText(`Câu ${i}/20`).waitFor();
      const text = await page.locator("#final-q").innerText();
      lessonsSeen.add(content().questions.find((q) => q.question === text.trim())!.lesson);
      await answerFromBank("final-q");
      await page.getByRole("button", { name: i < 20 ? "Câu tiếp theo" : "Nộp bài" }).click();
    }
    expect(lessonsSeen.size).toBe(12); // at least one question from each lesson
    await page.getByText(/20\/20/).first().waitFor();
    // Large text wraps; nothing is pushed off the side of a 360 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "06-final-test-passed");

    // The name to print: typed in lower case, shown as it will be printed, confirmed; only then issued.
    expect(await server.learning.certificates.forLearner((await learnerFromQr())!.id)).toBeUndefined();
    await page.getByLabel("Họ và tên").fill("  nguyễn  thị lan ");
    await page.getByText(`Tên in trên giấy chứng nhận: ${CERT_NAME}`).waitFor();
    await screenshot(page, "06b-certificate-name");
    await page.getByRole("button", { name: "Đúng tên này, nhận giấy chứng nhận" }).click();
    await page.getByRole("heading", { level: 1, name: "Giấy chứng nhận của bạn" }).waitFor();
    expect(await scrolled(page)).toEqual({ document: 0, page: 0 });
    const code = (await page.locator(".cert-code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.getByRole("img", { name: /Mã QR/ }).waitFor();
    expect((await page.locator(".cert-name").innerText()).trim()).toBe(CERT_NAME);
    await screenshot(page, "07-certificate");
    const checkUrl = await page.getByRole("link", { name: /\/c\// }).getAttribute("href");
    expect(checkUrl).toContain(`/c/${code}`);

    // A commune official opens the link on another phone: no sign-in, no app.
    const official = await phoneContext(browser);
    const other = await official.newPage();
    const res = await other.goto(`${server.url}/c/${code.toLowerCase()}`);
    expect(res?.status()).toBe(200);
    await other.getByText("Giấy chứng nhận hợp lệ").waitFor();
    await other.getByText(CERT_NAME).waitFor();
    await other.getByText("đã đạt bài thi cuối khóa Kỹ Năng Số.").waitFor();
    expect(await other.getByText("hoàn thành khóa học").count()).toBe(0);
    await other.getByText("Đã đạt bài kiểm tra 1/12 bài:").waitFor();
    await other.getByText(`Bài 1: ${content().lessons[0]!.title}`).waitFor(); // the lesson whose quiz was passed
    await screenshot(other, "08-check-page");
    const unknown = await other.goto(`${server.url}/c/ZZZZ-ZZZZ-ZZZZ`);
    expect(unknown?.status()).toBe(404);
    await official.close();
  });

  it("reads a lesson already opened when the network is gone", async () => {
    await page.goto(`${server.url}/lesson/2`);
    const heading = content().lessons[1]!.sections[0]!.heading;
    await page.getByRole("heading", { name: heading }).waitFor();
    await page.goto(`${server.url}/lessons`);
    await page.getByText(content().lessons[1]!.title).first().waitFor();

    await phone.setOffline(true);
    try {
      await page.getByText(content().lessons[1]!.title).first().click();
      await page.getByRole("heading", { name: heading }).waitFor();
      await page.getByText("Bạn đang không có mạng").first().waitFor();
      await screenshot(page, "09-lesson-offline");
      // A lesson never opened cannot be read offline: the app says so plainly, with a way to try again.
      await page.getByRole("link", { name: /Quay lại/ }).or(page.getByRole("button", { name: /Quay lại/ })).first().click();
      await page.getByText(content().lessons[6]!.title).first().click();
      await page.getByText("Điện thoại đang không có mạng").waitFor();
      await page.getByRole("button", { name: "Thử lại" }).waitFor();
      await screenshot(page, "10-lesson-not-cached-offline");
    } finally {
      await phone.setOffline(false);
    }
    await page.getByRole("button", { name: "Thử lại" }).click();
    await page.getByRole("heading", { name: content().lessons[6]!.sections[0]!.heading }).waitFor();
  });
});
