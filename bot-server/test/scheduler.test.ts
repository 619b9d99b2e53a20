import cron from "node-cron";
import { describe, expect, it } from "vitest";
import type { WriterGate } from "../src/pipeline/store-gate.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { OperatorAlerts } from "../src/ops/alerts.js";
import { Outbox } from "../src/pipeline/outbox.js";
import { Outreach } from "../src/outreach/outreach.js";
import { REMINDERS_DUE, Scheduler, TIPS_DUE } from "../src/outreach/scheduler.js";
import { tipMessage } from "../src/outreach/tips.js";
import { onPostgres } from "../../test/support/database.js";
import { learningFixture } from "../../test/support/learning.js";
import { content } from "../../test/support/learning.js";

const TZ = "Asia/Ho_Chi_Minh";
const DAY = 86_400_000;

async function setup(options: { dailyCap?: number; storeGate?: WriterGate } = {}) {
  const f = await learningFixture();
  const outbox = new Outbox(f.store, f.clock);
  const outreach = new Outreach(f.store, outbox, f.learning, content(), f.clock, { timeZone: TZ, dailyCap: options.dailyCap ?? 3, alerts: new OperatorAlerts(f.store, f.clock) });
  const scheduler = new Scheduler({ store: f.store, outreach, clock: f.clock, log: createLogger("silent"), storeGate: options.storeGate }, TZ);
  /** Moves the fake clock to a local (UTC+7) wall-clock time, `days` after 2026-11-23. */
  const at = (time: string, days = 0) => {
    f.clock.t = new Date(Date.parse(`2026-11-23T${time}:00+07:00`) + days * DAY);
  };
  /** A learner who consented, follows the OA, chose a reminder time and last wrote to us just now. */
  const person = async (n: number, changes: { reminder_time?: string | null; consent?: "granted" | "declined" | null } = {}) => {
    const l = await f.learner(n);
    await f.learning.learners.setFollows(l.zalo_user_id!, true);
    return f.learning.learners.update(l.id, { consent: "granted", reminder_time: "20:00", ...changes });
  };
  /** Undefined only when the minute was already taken on a shared store (PostgreSQL): a second tick of one minute. */
  const tick = () => scheduler.tick(f.clock.now());
  const queued = async (zaloUserId: string, kind?: string) =>
    (
      await f.store.all<{ kind: string; message: string; status: string }>(
        `SELECT kind, message, status FROM outbox WHERE user_id = ?${kind === undefined ? "" : " AND kind = ?"} ORDER BY id`,
        kind === undefined ? [zaloUserId] : [zaloUserId, kind],
      )
    ).map((r) => ({ ...r, message: JSON.parse(r.message) as { text: string; buttons?: { title: string; payload: string }[] } }));
  return { ...f, outbox, outreach, scheduler, at, person, tick, queued };
}

describe("reminders at the chosen time", () => {
  it("queues one reminder at the chosen minute, naming the next lesson, even when two ticks race for that minute", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    s.at("19:59");
    expect((await s.tick())!.reminders.sent).toBe(0);
    s.at("20:00");
    const [a, b] = await Promise.all([s.tick(), s.tick()]);
    expect(a).toBeDefined(); // ticks run in turn: the first one runs the minute
    if (!s.store.shared) expect(b).toBeDefined(); // on a shared store the second finds the minute taken
    expect(a!.reminders.sent + (b?.reminders.sent ?? 0)).toBe(1);
    await s.tick();
    const rows = await s.queued(p.zalo_user_id!, "reminder");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.message.text).toContain("Bài 1");
    expect(rows[0]!.message.buttons?.map((x) => x.title)).toEqual(["Học bài 1 ngay", "Để mai"]);
    expect(rows[0]!.message.buttons?.[0]!.payload).toBe("bài 1");
    // Later that day: still one.
    s.at("20:30");
    await s.tick();
    expect(await s.queued(p.zalo_user_id!, "reminder")).toHaveLength(1);
  });

  it("while webhook events keep arriving, commits a person at a time and still reminds everyone, once", async () => {
    let waits = 0;
    const s = await setup({ storeGate: { busy: () => true, clear: async () => void waits++ } });
    s.at("10:00");
    const people: Awaited<ReturnType<typeof s.person>>[] = [];
    for (let i = 0; i < 5; i++) people.push(await s.person(40 + i));
    s.at("20:00");
    const report = (await s.tick())!;
    expect(report.reminders.sent).toBe(5);
    expect(waits).toBe(5); // before each one-person batch
    for (const p of people) expect(await s.queued(p.zalo_user_id!, "reminder")).toHaveLength(1);
    const second = await s.tick(); // the same minute again: a shared store skips it, nothing is sent either way
    if (!s.store.shared) expect(second).toBeDefined();
    expect(second?.reminders.sent ?? 0).toBe(0);
  });

  it("runs from a node-cron task every minute in the configured time zone, gone after stop", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    s.at("20:00");
    s.scheduler.start();
    const ours = () => [...cron.getTasks().values()].filter((t) => t.name === "outreach-scheduler");
    const [task] = ours();
    expect(task!.getPattern()).toBe("* * * * *");
    await task!.execute(); // what the cron does each minute: a tick at the clock's time
    expect(await s.queued(p.zalo_user_id!, "reminder")).toHaveLength(1);
    await s.scheduler.stop();
    expect(ours()).toHaveLength(0);
  });

  it("after a restart (a new scheduler on the same database) the same minute does not remind twice", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    s.at("20:00");
    await s.tick();
    const again = new Scheduler({ store: s.store, outreach: s.outreach, clock: s.clock, log: createLogger("silent") }, TZ);
    const report = await again.tick(s.clock.now());
    if (!s.store.shared) expect(report).toBeDefined(); // a shared store skips a minute already taken: nothing sent either
    expect(report?.reminders.sent ?? 0).toBe(0);
    expect(await s.queued(p.zalo_user_id!, "reminder")).toHaveLength(1);
  });

  it("catches up a minute the cron missed (a slow tick) but not one from before the server started", async () => {
    const s = await setup();
    s.at("10:00");
    const early = await s.person(1, { reminder_time: "19:50" });
    const missed = await s.person(2, { reminder_time: "20:01" });
    s.at("20:00");
    await s.tick();
    s.at("20:03"); // 20:01 and 20:02 had no tick
    await s.tick();
    expect(await s.queued(missed.zalo_user_id!, "reminder")).toHaveLength(1);
    expect(await s.queued(early.zalo_user_id!, "reminder")).toHaveLength(0);
  });

  it("names the quiz when the lesson is read, and the final test when every lesson is done", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    await s.learning.completeLesson(p.id, 1);
    await s.learning.progress.open(p.id, 2);
    s.at("20:00");
    await s.tick();
    const [first] = await s.queued(p.zalo_user_id!, "reminder");
    expect(first!.message.text).toContain("Bài 2");
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    for (const l of content().lessons) await s.learning.recordLessonQuiz(p.id, l.id, 5, []);
    s.at("20:00", 1);
    await s.tick();
    const [, second] = await s.queued(p.zalo_user_id!, "reminder");
    expect(second!.message.text).toContain("thi cuối khóa");
    expect(second!.message.buttons?.[0]).toMatchObject({ title: "Làm bài thi cuối khóa", payload: "thi" });
  });

  it("sends nothing to someone with a certificate and nothing to review", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    await s.learning.certificates.issue(p.id, "Nguyễn Văn An", 18, 20, [1]);
    s.at("20:00");
    const report = (await s.tick())!;
    expect(report.reminders.refused["nothing-to-send"]).toBe(1);
    expect(await s.queued(p.zalo_user_id!)).toHaveLength(0);
    // With a question due for review, the reminder is only that, and the next step is not the final test.
    await s.learning.review.record(p.id, content().questions[0]!.id, false);
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    s.at("20:00", 1);
    await s.tick();
    const [review] = await s.queued(p.zalo_user_id!, "reminder");
    expect(review!.message.text).toContain("ôn lại");
    expect(review!.message.text).not.toContain("thi cuối khóa");
    expect((await s.outreach.reminders.nextStep(p.id)).button).toMatchObject({ payload: "mẹo" });
  });
});

describe("who may be reminded", () => {
  it("needs consent, following the OA and being reachable", async () => {
    const s = await setup();
    s.at("10:00");
    const declined = await s.person(1, { consent: "declined" });
    const notAsked = await s.person(2, { consent: null });
    const unfollowed = await s.person(3);
    await s.learning.learners.setFollows(unfollowed.zalo_user_id!, false);
    const blocked = await s.person(4);
    await s.learning.learners.markUnreachable(blocked.zalo_user_id!, "-217 blocked");
    const ok = await s.person(5);
    s.at("20:00");
    const report = (await s.tick())!;
    expect(report.reminders.sent).toBe(1);
    for (const p of [declined, notAsked, unfollowed, blocked]) expect(await s.queued(p.zalo_user_id!)).toHaveLength(0);
    expect(await s.queued(ok.zalo_user_id!, "reminder")).toHaveLength(1);
  });

  it("never messages between 21:00 and 07:00, and drops a queued reminder that is still waiting at 21:00", async () => {
    const s = await setup();
    s.at("10:00");
    const night = await s.person(1, { reminder_time: "22:00" });
    const dawn = await s.person(2, { reminder_time: "06:30" });
    const late = await s.person(3, { reminder_time: "20:59" });
    for (const [time, days] of [["22:00", 0], ["06:30", 1]] as const) {
      s.at(time, days);
      await s.tick();
    }
    expect(await s.queued(night.zalo_user_id!)).toHaveLength(0);
    expect(await s.queued(dawn.zalo_user_id!)).toHaveLength(0);

    s.at("20:59", 1);
    await s.tick();
    expect((await s.queued(late.zalo_user_id!, "reminder"))[0]!.status).toBe("pending"); // Zalo was down: not sent yet
    s.at("21:00", 1);
    const report = (await s.tick())!;
    expect(report.expired).toBe(1);
    expect((await s.queued(late.zalo_user_id!, "reminder"))[0]!.status).toBe("cancelled");
    // Broadcasts obey the same door.
    expect(await s.outreach.proactive.send(late.id, "broadcast", "b1", async () => ({ type: "text", text: "Tin của tình nguyện viên" }))).toEqual({
      sent: false,
      reason: "quiet-hours",
    });
  });

  it("within 48 h reminds daily; between 48 h and 7 days sends one nudge only; after 7 days nothing", async () => {
    const s = await setup();
    s.at("10:00");
    const daily = await s.person(1); // last interaction: day 0, 10:00
    const quiet = await s.person(2, { reminder_time: null }); // chooses a time later, without writing again
    const gone = await s.person(3);
    await s.store.run(`UPDATE learners SET last_interaction_at = ? WHERE id = ?`, [new Date(Date.parse("2026-11-15T10:00:00+07:00")).toISOString(), gone.id]);

    s.at("20:00"); // 10 h
    await s.tick();
    s.at("20:00", 1); // 34 h
    await s.tick();
    expect(await s.queued(daily.zalo_user_id!, "reminder")).toHaveLength(2);
    await s.learning.learners.update(quiet.id, { reminder_time: "20:00" }); // e.g. set in the Mini App
    s.at("20:00", 2); // 58 h: the daily one has had messages since; the quiet one gets its one nudge
    const day2 = (await s.tick())!;
    expect(day2.reminders.refused["nudge-used"]).toBe(1);
    expect(await s.queued(daily.zalo_user_id!, "reminder")).toHaveLength(2);
    expect(await s.queued(quiet.zalo_user_id!, "reminder")).toHaveLength(1);
    s.at("20:00", 3); // 82 h: the nudge is used
    await s.tick();
    expect(await s.queued(quiet.zalo_user_id!, "reminder")).toHaveLength(1);
    expect(await s.queued(gone.zalo_user_id!)).toHaveLength(0);

    // Writing again reopens the window.
    s.at("08:00", 4);
    await s.learning.learners.touch(daily.zalo_user_id!, s.clock.now());
    s.at("20:00", 4);
    await s.tick();
    expect(await s.queued(daily.zalo_user_id!, "reminder")).toHaveLength(3);
  });

  it("backs off to every 3 days after 3 reminders in a row with no interaction since", async () => {
    const s = await setup();
    s.at("07:00");
    const p = await s.person(1, { reminder_time: "07:00" });
    // Three reminders inside the 48-hour window: the time moved between them (e.g. in the Mini App).
    await s.tick();
    await s.learning.learners.update(p.id, { reminder_time: "20:00" });
    s.at("20:00", 1);
    await s.tick();
    await s.learning.learners.update(p.id, { reminder_time: "07:00" });
    s.at("07:00", 2);
    await s.tick();
    expect(await s.queued(p.zalo_user_id!, "reminder")).toHaveLength(3);
    const learner = async () => (await s.outreach.proactive.learner(p.id))!;
    expect(await s.outreach.reminders.backingOff(await learner())).toBe(true);
    s.at("06:59", 5);
    expect(await s.outreach.reminders.backingOff(await learner())).toBe(true);
    s.at("07:00", 5);
    expect(await s.outreach.reminders.backingOff(await learner())).toBe(false);
    // One interaction ends the streak.
    s.at("07:00", 3);
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    expect(await s.outreach.reminders.backingOff(await learner())).toBe(false);
  });
});

describe("snooze, stop and resume", () => {
  it("bận: nothing for 3 days, then reminders again", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    await s.outreach.preferences.snooze(p.id, p.zalo_user_id!);
    for (const days of [0, 1, 2]) {
      s.at("20:00", days);
      await s.tick();
    }
    expect(await s.queued(p.zalo_user_id!)).toHaveLength(0);
    s.at("20:00", 3); // 82 h after the last message: the snooze is over and one nudge is allowed
    await s.tick();
    expect(await s.queued(p.zalo_user_id!, "reminder")).toHaveLength(1);
  });

  it("dừng: drops what is queued and sends nothing but replies; tiếp tục resumes", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    await s.outreach.preferences.setDailyTip(p.id, true);
    s.at("20:00");
    await s.tick();
    await s.outbox.enqueue(p.zalo_user_id!, { type: "text", text: "Trả lời" }, { kind: "reply" });
    expect(await s.outreach.preferences.stop(p.id, p.zalo_user_id!)).toBe(2); // reminder + tip
    expect((await s.queued(p.zalo_user_id!)).map((r) => `${r.kind}:${r.status}`)).toEqual(["reminder:cancelled", "tip:cancelled", "reply:pending"]);
    s.at("20:00", 1);
    await s.tick();
    expect(await s.queued(p.zalo_user_id!)).toHaveLength(3);
    expect(await s.outreach.preferences.resume(p.id)).toBe(true);
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    s.at("20:00", 2);
    await s.tick();
    expect((await s.queued(p.zalo_user_id!, "reminder")).map((r) => r.status)).toEqual(["cancelled", "pending"]);
  });
});

describe("the per-person daily cap", () => {
  it("allows 3 non-reply messages a day across kinds, then refuses until the next local day", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    await s.outreach.preferences.setDailyTip(p.id, true);
    const broadcast = (slot: string) => s.outreach.proactive.send(p.id, "broadcast", slot, async () => ({ type: "text", text: `Tin ${slot}` }));
    expect((await broadcast("b1")).sent).toBe(true);
    expect(await broadcast("b1")).toEqual({ sent: false, reason: "already-sent" });
    expect((await broadcast("b2")).sent).toBe(true);
    s.at("20:00");
    const report = (await s.tick())!;
    expect(report.reminders.sent).toBe(1);
    expect(report.tips.refused.cap).toBe(1);
    expect(await broadcast("b3")).toEqual({ sent: false, reason: "cap" });
    expect(await s.outreach.proactive.sentToday(p.id)).toBe(3);
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    s.at("09:00", 1);
    expect((await broadcast("b3")).sent).toBe(true);
  });

  it("is OUTREACH_DAILY_CAP in the environment: 3 by default, a bad value stops start with the variable's name", () => {
    expect(loadConfig({}).OUTREACH_DAILY_CAP).toBe(3);
    expect(loadConfig({ OUTREACH_DAILY_CAP: "5" }).OUTREACH_DAILY_CAP).toBe(5);
    for (const bad of ["0", "-1", "2.5", "ba"]) {
      expect(() => loadConfig({ OUTREACH_DAILY_CAP: bad })).toThrow(/OUTREACH_DAILY_CAP: must be/);
    }
  });

  it("takes its limit from the configuration", async () => {
    const s = await setup({ dailyCap: 1 });
    s.at("10:00");
    const p = await s.person(1);
    await s.outreach.preferences.setDailyTip(p.id, true);
    s.at("20:00");
    const report = (await s.tick())!;
    expect(report.reminders.sent + report.tips.sent).toBe(1);
    expect(report.tips.refused.cap).toBe(1);
  });
});

describe("daily tips", () => {
  it("go at the reminder time, or 09:00 without one, only to those who opted in", async () => {
    const s = await setup();
    s.at("08:00");
    const withTime = await s.person(1);
    const without = await s.person(2, { reminder_time: null });
    const notOptedIn = await s.person(3, { reminder_time: null });
    await s.outreach.preferences.setDailyTip(withTime.id, true);
    await s.outreach.preferences.setDailyTip(without.id, true);
    s.at("09:00");
    await s.tick();
    expect(await s.queued(without.zalo_user_id!, "tip")).toHaveLength(1);
    expect(await s.queued(withTime.zalo_user_id!, "tip")).toHaveLength(0);
    expect(await s.queued(notOptedIn.zalo_user_id!)).toHaveLength(0);
    s.at("20:00");
    await s.tick();
    const [tip] = await s.queued(withTime.zalo_user_id!, "tip");
    expect(tip!.message.text).toContain("Mẹo phòng lừa đảo hôm nay");
    expect(tip!.message.buttons!.length).toBeGreaterThanOrEqual(2);
  });

  it("never repeat until the pool is used up, then start again without repeating the last one", async () => {
    const s = await setup();
    const p = await s.person(1);
    const pool = content().tips.length;
    const seen: string[] = [];
    for (let i = 0; i < pool; i++) seen.push((await s.outreach.tips.next(p.id, true))!.id);
    expect(new Set(seen).size).toBe(pool);
    const next = (await s.outreach.tips.next(p.id, true))!.id;
    expect(next).not.toBe(seen.at(-1));
    // The new round has started: 50 more without repeats within it.
    const round = [next];
    for (let i = 1; i < pool; i++) round.push((await s.outreach.tips.next(p.id, true))!.id);
    expect(new Set(round).size).toBe(pool);
  });

  it("carries a tip's check question as four answer buttons, and ends a tip without one with a one-tap question", () => {
    const withCheck = content().tips.find((t) => t.check)!;
    const checked = tipMessage(withCheck, "Mẹo");
    expect(checked.text).toContain(withCheck.check!.question);
    expect(checked.buttons.map((b) => ("payload" in b ? b.payload : b.title))).toEqual(["A", "B", "C", "D"].map((l) => `#tipcheck:${withCheck.id}:${l}`));
    const plain = tipMessage(content().tips.find((t) => !t.check)!, "Mẹo");
    expect(plain.buttons.map((b) => b.title)).toEqual(["Thêm một mẹo", "Đã hiểu 👍"]);
  });
});

describe("spaced review in reminders", () => {
  it("carries one due review question with four answer buttons holding an unguessable token", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    const question = content().questions[0]!;
    await s.learning.review.record(p.id, question.id, false); // due tomorrow
    s.at("20:00");
    await s.tick();
    expect((await s.queued(p.zalo_user_id!, "reminder"))[0]!.message.buttons?.[0]!.payload).not.toMatch(/^#review/);
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    s.at("20:00", 1);
    await s.tick();
    const reminder = (await s.queued(p.zalo_user_id!, "reminder"))[1]!;
    expect(reminder.message.text).toContain(question.question);
    const payloads = reminder.message.buttons!.map((b) => b.payload);
    expect(payloads).toHaveLength(4);
    const tokens = new Set(payloads.map((x) => x.split(":")[1]));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^[\w-]{16}$/);
  });
});

describe("erasure", () => {
  it("removes the person's reminder, tip and cap records with the learner", async () => {
    const s = await setup();
    s.at("10:00");
    const p = await s.person(1);
    await s.outreach.preferences.setDailyTip(p.id, true);
    await s.learning.review.record(p.id, content().questions[0]!.id, false);
    await s.outreach.tips.next(p.id, true);
    s.at("20:00", 1);
    await s.learning.learners.touch(p.zalo_user_id!, s.clock.now());
    await s.tick();
    const count = (table: string) => s.store.value(`SELECT COUNT(*) FROM ${table} WHERE learner_id = ?`, [p.id]);
    for (const table of ["outreach_sends", "tips_seen", "review_prompts"]) expect(await count(table)).not.toBe(0);
    await s.learning.erase(p.id);
    for (const table of ["outreach_sends", "tips_seen", "review_prompts"]) expect(await count(table)).toBe(0);
  });
});

describe("the tick's cost", () => {
  // SQLite follows the INDEXED BY hints; PostgreSQL's planner takes none (the store drops them) and
  // picks a scan by table size, so there the test shows that the partial indexes can serve the queries.
  it("finds due learners through the time indexes, not by scanning learners", async () => {
    const s = await setup();
    const params = { from: "20:00", to: "20:00", day: "2026-11-23", now: "x", windowStart: "x" };
    const plan = async (query: string) =>
      onPostgres
        ? s.store.transaction(async () => {
            await s.store.exec("SET LOCAL enable_seqscan = off");
            return (await s.store.column<string>(`EXPLAIN ${query}`, params)).join("\n");
          })
        : (await s.store.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`, params)).map((r) => r.detail).join("\n");
    for (const [query, index] of [[REMINDERS_DUE, "learners_reminder_time"], [TIPS_DUE, "learners_tip_time"]] as const) {
      const detail = await plan(query);
      if (onPostgres) {
        expect(detail).toMatch(new RegExp(`Index (Only )?Scan (using|on) ${index}`));
        expect(detail).not.toMatch(/Seq Scan on learners/);
      } else {
        expect(detail).toContain(`SEARCH learners USING INDEX ${index}`);
        expect(detail).not.toMatch(/SCAN learners/);
      }
    }
  });
});
