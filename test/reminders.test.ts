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


describe("setting the reminder time in chat", () => {
  it("asks for consent first, offering the onboarding's consent button, and stores nothing", async () => {
    s.at("10:00");
    const uid = await s.person(null);
    const reply = await s.say(uid, "nhắc 20h");
    expect(texts(reply)).toContain("cần bạn đồng ý");
    expect(buttonsOf(reply.at(-1)).map((b) => b.payload)).toEqual(["#consent:yes", "#consent:no"]);
    expect((await s.learner(uid)).reminder_time).toBeNull();
  });

  it("understands the spellings, shows the setting, declines quiet hours and turns off", async () => {
    s.at("10:00");
    const uid = await s.person();
    expect(texts(await s.say(uid, "Nhắc 8 giờ tối"))).toContain("lúc 20:00 mỗi ngày");
    expect((await s.learner(uid)).reminder_time).toBe("20:00");
    expect(texts(await s.say(uid, "NHAC 20:30!"))).toContain("20:30");
    expect(texts(await s.say(uid, "nhắc tôi lúc 19h"))).toContain("19:00");

    const shown = await s.say(uid, "nhắc");
    expect(texts(shown)).toContain("Tôi đang nhắc bạn học lúc 19:00 mỗi ngày.");
    expect(buttonsOf(shown.at(-1)).map((b) => b.title)).toEqual(["7:00", "12:00", "20:00", "Tắt nhắc"]);

    const night = await s.say(uid, "nhắc 22h");
    expect(texts(night)).toContain("từ 21 giờ tối đến 7 giờ sáng");
    expect(buttonsOf(night.at(-1))[0]).toMatchObject({ title: "Nhắc lúc 20:00", payload: "nhắc 20:00" });
    expect((await s.learner(uid)).reminder_time).toBe("19:00");

    for (const bad of ["nhắc abc", `nhắc ${"😀".repeat(800)}`, "nhắc 25h"]) {
      expect(texts(await s.say(uid, bad))).toContain("chưa hiểu giờ bạn muốn");
    }
    expect((await s.learner(uid)).reminder_time).toBe("19:00");

    expect(texts(await s.say(uid, "tat nhac"))).toContain("đã tắt nhắc");
    expect((await s.learner(uid)).reminder_time).toBeNull();
    expect(texts(await s.say(uid, "nhắc"))).toContain("Bạn chưa đặt giờ nhắc học.");
  });

  it("lists the reminder and tip commands in the menu", async () => {
    const uid = await s.person();
    const menu = texts(await s.say(uid, "trợ giúp"));
    for (const line of ["nhắc 20h", "tắt nhắc", "bận", "dừng", "tiếp tục", "mẹo", "mẹo mỗi ngày", "tắt mẹo"]) expect(menu).toContain(`• ${line} —`);
  });
});

describe("the reminder", () => {
  it("arrives once at the chosen time, even with two ticks that minute, and a tap on its button reopens the window", async () => {
    s.at("10:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 20h");
    const before = s.received(uid).length;
    s.at("19:59");
    await s.tick();
    s.at("20:00");
    await Promise.all([s.tick(), s.tick()]);
    await s.tick();
    const got = s.received(uid, before);
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain("Đến giờ học Kỹ Năng Số rồi");
    expect(got[0]!.text).toContain(`Bài 1: ${content().lessons[0]!.title} (khoảng ${content().lessons[0]!.minutes} phút)`);
    const buttons = buttonsOf(got[0]);
    expect(buttons.map((b) => b.title)).toEqual(["Học bài 1 ngay", "Để mai"]);
    expect(buttons[0]!.type).toBe("oa.query.show");

    s.at("20:05");
    const later = await s.say(uid, buttons[1]!.payload);
    expect(texts(later)).toContain("Hẹn bạn lần nhắc sau");
    expect((await s.learner(uid)).last_interaction_at).toBe(new Date(Date.parse("2026-11-23T20:05:00+07:00")).toISOString());
    expect(texts(await s.say(uid, "#reminder:xyz"))).toContain("Nút này đã cũ");
  });

  it("bận: a 3-day pause, and bạn ơi is not bận", async () => {
    s.at("10:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 20h");
    expect(texts(await s.say(uid, "bạn ơi"))).not.toContain("không nhắn nhắc bạn");
    const snoozed = await s.say(uid, "Bận");
    expect(texts(snoozed)).toContain("trong 3 ngày, đến ngày 26/11");
    const before = s.received(uid).length;
    for (const day of [0, 1, 2]) {
      s.at("20:00", day);
      await s.tick();
    }
    expect(s.received(uid, before)).toHaveLength(0);
    s.at("20:00", 3);
    await s.tick();
    expect(texts(s.received(uid, before))).toContain("Đến giờ học");
  });

  it("dừng: only replies from then on, progress kept; tiếp tục resumes", async () => {
    s.at("10:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 20h");
    await s.say(uid, "mẹo mỗi ngày");
    const me = await s.learner(uid);
    await s.server.learning.completeLesson(me.id, 1);
    expect(texts(await s.say(uid, "dung lai"))).toContain("không tự nhắn cho bạn nữa");
    expect(texts(await s.say(uid, "dùng lại"))).not.toContain("không tự nhắn cho bạn nữa");
    let before = s.received(uid).length;
    s.at("20:00");
    await s.tick();
    expect(s.received(uid, before)).toHaveLength(0);
    expect(texts(await s.say(uid, "mẹo"))).toContain("Mẹo phòng lừa đảo");
    expect((await s.server.learning.progress.lessons(me.id))[0]!.status).toBe("done");

    s.at("19:00", 1);
    const resumed = await s.say(uid, "Tiếp tục");
    expect(texts(resumed)).toContain("nhắn cho bạn lại như trước");
    expect(buttonsOf(resumed.at(-1))[0]!.title).toBe("Học bài 2 ngay");
    before = s.received(uid).length;
    s.at("20:00", 1);
    await s.tick();
    const back = texts(s.received(uid, before));
    expect(back).toContain("Bài 2");
    expect(back).toContain("Mẹo phòng lừa đảo hôm nay");
  });

  it("is never sent at night, nor after 7 days of silence", async () => {
    s.at("10:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 20h");
    await s.server.store.run(`UPDATE learners SET reminder_time = '21:30' WHERE zalo_user_id = ?`, [uid]); // a bad value from elsewhere
    const before = s.received(uid).length;
    s.at("21:30");
    await s.tick();
    expect(s.received(uid, before)).toHaveLength(0);
    await s.server.store.run(`UPDATE learners SET reminder_time = '20:00' WHERE zalo_user_id = ?`, [uid]);
    s.at("20:00", 7); // last interaction was 7 days and 10 hours ago
    await s.tick();
    expect(s.received(uid, before)).toHaveLength(0);
  });
});

describe("Zalo's own refusal", () => {
  it("a reminder Zalo refuses (-230, window closed) stops reminders until the person writes again", async () => {
    s.at("10:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 20h");
    s.fake.refuse.set(uid, -230);
    s.at("20:00");
    await s.tick();
    expect((await s.learner(uid)).unreachable_reason).toMatch(/-230/);
    s.fake.refuse.delete(uid);
    const before = s.received(uid).length;
    s.at("20:00", 1);
    await s.tick();
    expect(s.received(uid, before)).toHaveLength(0);
    s.at("09:00", 2);
    await s.say(uid, "học");
    s.at("20:00", 2);
    await s.tick();
    expect(texts(s.received(uid, before))).toContain("Đến giờ học");
  });
});

describe("Zalo refuses paid messages for the OA", () => {
  it("one alert pauses every 48 h–7 d nudge (free reminders and replies go on) until it expires after 6 hours", async () => {
    s.at("10:00");
    const refused = [await s.person(), await s.person()];
    const waiting = await s.person(); // silent as long, but not yet reminded when the alert stands
    for (const uid of [...refused, waiting]) await s.say(uid, "nhắc 20h");
    await s.server.store.run(`UPDATE learners SET reminder_time = '20:30' WHERE zalo_user_id = ?`, [waiting]);
    for (const uid of refused) s.fake.refuse.set(uid, -321);
    s.at("20:00", 3); // three days of silence: a reminder now is a paid message
    await s.tick();
    const statusFor = (uid: string) => s.store.column(`SELECT status FROM outbox WHERE user_id = ? AND kind = 'reminder'`, [uid]);
    // The first refusal raises the alert; a reminder sent alongside it fails too, one claimed after it
    // is held back (which of the two depends on how the queue was claimed).
    const statuses: unknown[] = [];
    for (const uid of refused) {
      statuses.push(...(await statusFor(uid)));
      expect((await s.learner(uid)).unreachable_reason).toBeNull(); // the person is not the problem
    }
    expect(statuses).toHaveLength(2);
    expect(statuses).toContain("failed");
    for (const status of statuses) expect(["failed", "cancelled"]).toContain(status);
    const alerts = await s.store.all<{ kind: string; message: string }>(`SELECT kind, message FROM operator_alerts`);
    expect(alerts).toEqual([{ kind: "zalo_paid_feature", message: expect.stringContaining("-321") }]);

    const fresh = await s.person(); // wrote today: inside the free 48 hours
    await s.say(fresh, "nhắc 20:30");
    const before = s.received(waiting).length;
    s.at("20:30", 3);
    const paused = (await s.tick())!;
    expect(paused.reminders.refused["paid-window-off"]).toBeGreaterThanOrEqual(1);
    expect(s.received(waiting, before)).toHaveLength(0);
    expect(texts(s.received(fresh))).toContain("Đến giờ học");
    expect(texts(await s.say(fresh, "trợ giúp"))).toContain("trợ giúp");

    // 6 hours on the alert has expired: the nudges are tried again (and go, the balance was topped up).
    s.fake.refuse.clear();
    s.at("20:30", 4);
    const health = (await (await fetch(`${s.server.url}/healthz`)).json()) as { alerts: unknown[] };
    expect(health.alerts).toEqual([]);
    await s.tick();
    expect(texts(s.received(waiting, before))).toContain("Đến giờ học");
    await s.store.run(`DELETE FROM operator_alerts`); // the next tests move the clock back to day 0
  });
});

describe("spaced review carried by a reminder", () => {
  it("asks the due question; a tap records the review and explains; a second, forged or stale tap changes nothing", async () => {
    s.at("10:00");
    const uid = await s.person();
    const other = await s.person();
    await s.say(uid, "nhắc 20h");
    const me = await s.learner(uid);
    const question = content().questions.find((q) => q.lesson === 1)!;
    await s.server.learning.review.record(me.id, question.id, false); // missed in a quiz: due tomorrow

    s.at("19:00", 1);
    await s.say(uid, "học");
    const before = s.received(uid).length;
    s.at("20:00", 1);
    await s.tick();
    const [reminder] = s.received(uid, before);
    expect(reminder!.text).toContain(question.question);
    expect(reminder!.text).toContain(`A. ${question.options[0]}`);
    const buttons = buttonsOf(reminder);
    expect(buttons).toHaveLength(4);
    expect(buttons.map((b) => b.title[0])).toEqual(["A", "B", "C", "D"]);

    const token = buttons[0]!.payload.split(":")[1]!;
    // Someone else tapping (or forging) this token: nothing recorded.
    expect(texts(await s.say(other, `#review:${token}:${"ABCD"[question.answer]}`))).toContain("đã cũ");
    expect(texts(await s.say(uid, `#review:${token}:E`))).toContain("đã cũ");
    expect(texts(await s.say(uid, "#review:AAAAAAAAAAAAAAAA:A"))).toContain("đã cũ");
    expect(await s.server.learning.review.box(me.id, question.id)).toBe(1);

    const right = buttons[question.answer]!;
    const answer = await s.say(uid, right.payload);
    expect(texts(answer)).toContain("Đúng rồi!");
    expect(texts(answer)).toContain(question.explanation);
    expect(buttonsOf(answer.at(-1))[0]!.title).toBe("Học bài 1 ngay");
    expect(await s.server.learning.review.box(me.id, question.id)).toBe(2);

    const wrong = buttons[(question.answer + 1) % 4]!;
    expect(texts(await s.say(uid, wrong.payload))).toContain("Bạn đã trả lời câu này rồi");
    expect(await s.server.learning.review.box(me.id, question.id)).toBe(2);
  });

  it("a wrong answer puts the question back to tomorrow; the button of an older reminder goes stale", async () => {
    s.at("10:00");
    const uid = await s.person();
    await s.say(uid, "nhắc 20h");
    const me = await s.learner(uid);
    const [q1, q2] = content().questions.filter((q) => q.lesson === 2);
    await s.server.learning.review.record(me.id, q1!.id, false);
    s.at("19:00", 1);
    await s.say(uid, "học");
    let before = s.received(uid).length;
    s.at("20:00", 1);
    await s.tick();
    const old = buttonsOf(s.received(uid, before)[0]);

    await s.server.learning.review.record(me.id, q2!.id, false);
    s.at("19:00", 2);
    await s.say(uid, "học");
    before = s.received(uid).length;
    s.at("20:00", 2);
    await s.tick();
    const fresh = buttonsOf(s.received(uid, before)[0]);
    expect(fresh[0]!.payload).not.toBe(old[0]!.payload);
    expect(texts(await s.say(uid, old[0]!.payload))).toContain("đã cũ");

    const due = s.received(uid, before)[0]!.text!.includes(q1!.question) ? q1! : q2!;
    const miss = fresh[(due.answer + 1) % 4]!;
    const reply = texts(await s.say(uid, miss.payload));
    expect(reply).toContain(`Chưa đúng. Đáp án đúng là ${"ABCD"[due.answer]}.`);
    expect(reply).toContain("Ngày mai tôi sẽ hỏi lại");
    expect(await s.server.learning.review.box(me.id, due.id)).toBe(1);
  });
});
