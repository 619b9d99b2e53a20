import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LessonSearch, MAX_QUERY_CHARS } from "../src/chat/flows/lesson-search.js";
import { MAX_VARIANTS, spellOut, variants } from "../src/chat/flows/search-words.js";
import { content } from "../../test/support/learning.js";

// Real questions as older rural citizens type them, each with the lesson whose topic answers it.
const questionSet = z.object({
  questions: z.array(z.object({ q: z.string().min(1), lessons: z.array(z.int().min(1).max(12)).min(1) })).min(30),
});
const { questions } = questionSet.parse(JSON.parse(readFileSync(new URL("../../test/fixtures/free-questions.json", import.meta.url), "utf8")));
const HIT_RATE_FLOOR = 0.9;

describe("free questions find the lesson whose topic answers them", () => {
  const search = new LessonSearch(content());

  it(`points at least ${HIT_RATE_FLOOR * 100} % of ${questions.length} typed questions to the right lesson`, () => {
    const misses = questions.filter(({ q, lessons }) => !lessons.includes(search.best(q)?.lessonId ?? 0));
    const rate = 1 - misses.length / questions.length;
    console.log(`free-question hit rate: ${(rate * 100).toFixed(1)} % (${questions.length - misses.length}/${questions.length})`);
    for (const m of misses) console.log(`  missed: "${m.q}" (want Bài ${m.lessons.join(" or ")}, got ${search.best(m.q)?.lessonId ?? "nothing"})`);
    expect(rate).toBeGreaterThanOrEqual(HIT_RATE_FLOOR);
  });

  it("answers a question about fake websites from lesson 1, not from the Gmail spam steps", () => {
    for (const q of ["làm sao để biết trang web giả mạo", "lam sao biet trang web lua dao", "trang wep gia mao"]) {
      expect(search.best(q)?.lessonId, q).toBe(1);
    }
  });

  it("keeps numbered steps and bullets on their own lines", () => {
    const steps = search.best("cách bật xác minh 2 bước cho gmail")!;
    expect(steps.text).toMatch(/^1\. .+\n2\. /m);
    const bullets = search.best("mật khẩu mạnh là gì")!;
    const lines = [steps, bullets].flatMap((p) => p.text.split("\n"));
    expect(lines.filter((l) => /^(?:\d+\.|•) /.test(l)).length).toBeGreaterThanOrEqual(4);
    for (const p of [steps, bullets]) expect(p.text.length).toBeLessThanOrEqual(701);
  });

  it("still finds nothing for small talk, emoji or a topic the course does not teach", () => {
    for (const text of ["xin chào", "cảm ơn bạn nhiều nhé", "con trâu nhà tôi ăn gì", "ok", "", "🐃", "👍", "hôm nay trời đẹp quá", "asdfgh"]) {
      expect(search.best(text), text).toBeUndefined();
    }
  });

  it("answers a 2,000-character message from its start: what comes after the first 200 characters is not searched", () => {
    const question = "Cho tôi hỏi với, dạo này tôi hay nhận được tin nhắn có đường link lạ, làm sao để biết trang web giả mạo hay trang thật vậy ạ? ";
    const start = question + "Cảm ơn bạn nhiều nhé. ".repeat(Math.ceil((MAX_QUERY_CHARS - question.length) / 22));
    const later = "cách bật xác minh 2 bước cho gmail ".repeat(60);
    const message = (start + later).slice(0, 2000);
    expect(message).toHaveLength(2000);
    expect(start.length).toBeGreaterThanOrEqual(MAX_QUERY_CHARS);
    expect(search.best(later)?.lessonId).not.toBe(1); // the rest, searched alone, points elsewhere
    expect(search.best(message)?.lessonId).toBe(1);
  });

  it("tries at most MAX_VARIANTS rewordings of a synonym-heavy message", () => {
    const heavy = "lừa đảo giả mạo mua hàng mua sắm game trò chơi online trực tuyến facebook mạng xã hội virus mã độc xem phim video ".repeat(5);
    expect(MAX_VARIANTS).toBeLessThanOrEqual(16);
    expect(variants(spellOut(heavy))).toHaveLength(MAX_VARIANTS);
    expect(search.best(heavy)).toBeDefined();
  });
});
