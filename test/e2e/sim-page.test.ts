// The /sim page's own script in Debian's Chromium against the real server (simulator mode, a database of
// its own): after many quick exchanges, typed and tapped, the chat shows each stored message exactly once.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingWork } from "../support/chat.js";
import { launchChromium, screenshot } from "../support/browser.js";
import { localEnv, startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let page: Page;

/** Bubbles on the page: messages and "Đã bấm" lines, each carrying its stored id. */
const bubbleIds = () => page.locator("#chat > [data-id]").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.id)));

function storedIds(userId: string): Promise<number[]> {
  return server.store.column<number>(`SELECT id FROM sim_messages WHERE user_id = ? ORDER BY id`, [userId]);
}

/** Nothing left to handle or send, and the page shows exactly the stored messages, in order. */
async function sameAsStored(userId: string): Promise<boolean> {
  const shown = await bubbleIds();
  return (await pendingWork(server.store)) === 0 && JSON.stringify(shown) === JSON.stringify(await storedIds(userId));
}

/** Waits for the page to poll the messages API `n` more times (its timer and the ones sends start). */
async function polls(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await page.waitForResponse((r) => /\/sim\/api\/users\/\d+\/messages\?after=/.test(r.url()), { timeout: 10_000 });
}

describe("/sim page in Chromium", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    server = await startTestServer(localEnv());
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 720, height: 900 }, locale: "vi-VN" })).newPage();
    page.setDefaultTimeout(15_000);
    // A slow connection, as on a phone: a poll is still on its way when the next one starts.
    await page.route(/\/sim\/api\/users\/\d+\/messages\?after=/, async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows every stored message once after many quick exchanges", async () => {
    await page.goto(`${server.url}/sim`);
    await page.getByLabel("Tên người dân mới").fill("Bà Lan");
    await page.getByRole("button", { name: "Tạo người mới" }).click();
    await page.getByRole("button", { name: "Quan tâm" }).click();
    await page.getByText("Chào mừng bạn đến với Kỹ Năng Số").waitFor();
    const userId = (await server.store.value<string>(`SELECT user_id FROM sim_users WHERE display_name = 'Bà Lan'`)) ?? "";
    expect(userId).toMatch(/^\d{19}$/);

    // Taps and typed messages without waiting for answers, so sends and the timer's polls overlap.
    await page.locator("#chat button", { hasText: "Đồng ý" }).first().click();
    const box = page.getByLabel("Tin nhắn");
    for (const text of ["bỏ qua", "bỏ qua", "trợ giúp", "bài 1", "tiến độ", "mẹo", "dữ liệu của tôi", "bài 2", "xyz", "học"]) {
      await box.fill(text);
      await box.press("Enter");
    }
    for (let i = 0; i < 3; i++) {
      await page.locator("#chat .msg.out button", { hasText: /^Xem tiến độ$|^Học tiếp$|^Làm bài kiểm tra$/ }).last().click();
      await box.fill("trợ giúp");
      await box.press("Enter");
    }
    // The last sends may still be on their way: compare with what is stored at each look.
    await expect.poll(async () => sameAsStored(userId), { timeout: 20_000 }).toBe(true);
    expect((await storedIds(userId)).length).toBeGreaterThan(25);
    // A few more rounds of polling add nothing.
    await polls(3);
    expect(await bubbleIds()).toEqual(await storedIds(userId));
    await screenshot(page, "sim-many-exchanges");
  });

  it("starts the chat afresh when another citizen is picked, and back", async () => {
    await page.getByLabel("Tên người dân mới").fill("Ông Ba");
    await page.getByRole("button", { name: "Tạo người mới" }).click();
    await page.getByRole("button", { name: "Quan tâm" }).click();
    await page.getByText("Chào mừng bạn đến với Kỹ Năng Số").waitFor();
    const ba = (await server.store.value<string>(`SELECT user_id FROM sim_users WHERE display_name = 'Ông Ba'`))!;
    const lan = (await server.store.value<string>(`SELECT user_id FROM sim_users WHERE display_name = 'Bà Lan'`))!;
    await expect.poll(async () => sameAsStored(ba), { timeout: 20_000 }).toBe(true);
    await page.getByLabel("Chọn người dân mô phỏng").selectOption(lan);
    await expect.poll(async () => sameAsStored(lan), { timeout: 20_000 }).toBe(true);
    await polls(2);
    expect(await bubbleIds()).toEqual(await storedIds(lan));
  });
});
