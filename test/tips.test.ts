import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, outreachServer, texts } from "./support/outreach.js";
import { content } from "./support/learning.js";

let s: Awaited<ReturnType<typeof outreachServer>>;
beforeAll(async () => {
  s = await outreachServer();
});
afterAll(async () => {
  await s.stop();
});
// Each test moves the clock back to day 0. On a shared store (PostgreSQL) the scheduler records the
// minutes it ran so that other instances skip them: forget the earlier tests' minutes.
beforeEach(async () => {
  await s.store.run(`DELETE FROM scheduler_ticks`);
});

const seen = async (uid: string) => s.store.value(`SELECT COUNT(*) FROM tips_seen WHERE learner_id = ?`, [(await s.learner(uid)).id]);
const tipTitle = (text: string) => content().tips.find((t) => text.includes(t.title));

describe("mẹo on demand", () => {
  it("answers anyone at any time, even at night and without consent, remembering nothing then", async () => {
    s.at("23:30");
    const uid = await s.person(null);
    const reply = await s.say(uid, "Mẹo");
    expect(texts(reply)).toContain("🛡️ Mẹo phòng lừa đảo");
    expect(tipTitle(texts(reply))).toBeDefined();
    expect(await seen(uid)).toBe(0);
    expect(texts(await s.say(uid, "mèo"))).not.toContain("Mẹo phòng lừa đảo");
  });

  it("with consent, does not repeat: 'Thêm một mẹo' brings a new one", async () => {
    s.at("10:00");
    const uid = await s.person();
    const titles = new Set<string>();
    let reply = await s.say(uid, "meo");
    for (let i = 0; i < 6; i++) {
      titles.add(tipTitle(texts(reply))!.id);
      reply = await s.say(uid, "#tip:more");
    }
    titles.add(tipTitle(texts(reply))!.id);
    expect(titles.size).toBe(7);
    expect(await seen(uid)).toBe(7);
    expect(texts(await s.say(uid, "#tip:ok"))).toContain("Cảm ơn bạn");
  });

  it("checks a tip's question: the right answer, a wrong one, forged and unknown buttons", async () => {
    s.at("10:00");
    const uid = await s.person(null);
    const tip = content().tips.find((t) => t.check)!;
    const check = tip.check!;
    const right = texts(await s.say(uid, `#tipcheck:${tip.id}:${"ABCD"[check.answer]}`));
    expect(right).toContain("Đúng rồi!");
    expect(right).toContain(check.explanation);
    const wrong = texts(await s.say(uid, `#tipcheck:${tip.id}:${"ABCD"[(check.answer + 1) % 4]}`));
    expect(wrong).toContain(`Chưa đúng. Đáp án đúng là ${"ABCD"[check.answer]}. ${check.options[check.answer]}`);
    for (const forged of [`#tipcheck:${tip.id}:E`, `#tipcheck:${tip.id}:0`, "#tipcheck:tip-999:A", "#tipcheck:", `#tipcheck:${tip.id}:a`, "#tipcheck:../../x:B"]) {
      const reply = await s.say(uid, forged);
      expect(texts(reply)).toContain("Nút này đã cũ");
      expect(buttonsOf(reply.at(-1))[0]!.payload).toBe("#tip:more");
    }
    const plain = content().tips.find((t) => !t.check)!;
    expect(texts(await s.say(uid, `#tipcheck:${plain.id}:A`))).toContain("Nút này đã cũ");
  });
});

describe("the daily tip", () => {
  it("needs consent to opt in", async () => {
    s.at("10:00");
    const uid = await s.person("declined");
    const reply = await s.say(uid, "mẹo mỗi ngày");
    expect(texts(reply)).toContain("cần bạn đồng ý");
    expect(await s.store.value(`SELECT daily_tip FROM learners WHERE zalo_user_id = ?`, [uid])).toBe(0);
  });

  it("comes at 09:00 without a reminder time, once a day; tắt mẹo stops it", async () => {
    s.at("08:00");
    const uid = await s.person();
    expect(texts(await s.say(uid, "Meo moi ngay"))).toContain("lúc 09:00 sáng");
    const before = s.received(uid).length;
    s.at("08:59");
    await s.tick();
    s.at("09:00");
    await s.tick();
    await s.tick();
    const got = s.received(uid, before);
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain("Mẹo phòng lừa đảo hôm nay");
    expect(buttonsOf(got[0]).length).toBeGreaterThanOrEqual(2); // a one-tap answer keeps Zalo's window open
    await s.say(uid, "tắt mẹo");
    const after = s.received(uid).length;
    s.at("09:00", 1);
    await s.tick();
    expect(s.received(uid, after)).toHaveLength(0);
  });

  it("shares the per-person cap of 3 with reminders and broadcasts", async () => {
    s.at("08:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 9h");
    await s.say(uid, "mẹo mỗi ngày");
    const id = (await s.learner(uid)).id;
    const { proactive } = s.server.processing!.outreach;
    for (const slot of ["b1", "b2"]) {
      expect((await proactive.send(id, "broadcast", slot, async () => ({ type: "text", text: `Thông báo ${slot} của tình nguyện viên xã` }))).sent).toBe(true);
    }
    s.at("09:00");
    const report = (await s.tick())!;
    expect(report.tips.refused.cap).toBeGreaterThanOrEqual(1);
    const outreach = await s.store.column(`SELECT kind FROM outbox WHERE user_id = ? AND kind != 'reply' ORDER BY id`, [uid]);
    expect(outreach).toEqual(["broadcast", "broadcast", "reminder"]);
    // A tip on request is a reply: the cap never blocks it.
    expect(texts(await s.say(uid, "mẹo"))).toContain("Mẹo phòng lừa đảo");
  });
});
