import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appApiServer, graphId, newAttemptId, type AppApi } from "../../test/support/app-api.js";
import { learningFixture, lessonAnswers } from "../../test/support/learning.js";
import { followEvent, postEvent, textEvent, userId } from "../../test/support/server.js";
import { joinFromGraph, joinIdentities, mergeLearners } from "../src/learning/merge.js";
import type { Learning } from "../src/learning/index.js";
import type { Db } from "../src/db/open.js";

const DAY = 24 * 60 * 60_000;
const MINI_APP = "3141592653589793238";

/** Every table with a learner_id-like foreign key to learners, from the live schema. */
function learnerTables(db: Db): { tbl: string; col: string }[] {
  return db
    .prepare(
      `SELECT m.name AS tbl, f."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f
       WHERE m.type = 'table' AND f."table" = 'learners'`,
    )
    .all() as { tbl: string; col: string }[];
}

/** How many rows each learner-referencing table holds for this learner. */
function rowsOf(db: Db, learnerId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { tbl, col } of learnerTables(db)) {
    out[tbl] = db.prepare(`SELECT COUNT(*) FROM "${tbl}" WHERE "${col}" = ?`).pluck().get(learnerId) as number;
  }
  return out;
}

describe("merging two records of one person (learning/merge.ts)", () => {
  /** An app-only learner (app id Y) and an OA-only learner (OA id X), each with their own records. */
  function twoDoors() {
    const f = learningFixture();
    const app = f.learning.learners.forAppUser("5000000000000000001", undefined, "Nguyễn Thị Lan").learner;
    f.learning.learners.recordFirstTouch(app.id, "buudien-tan-lap", "tnv_017");
    f.clock.advance(DAY);
    const chat = f.learning.learners.touch("7000000000000000001", f.clock.now());
    f.learning.learners.recordFirstTouch(chat.id, "qr-oa", undefined);
    return { ...f, app, chat };
  }

  it("keeps the OA record, unions progress (earliest opened, any completion, best score, earliest pass)", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    const p = learning.progress;
    // Lesson 1: opened in the app first, completed only in the chat.
    p.open(app.id, 1);
    clock.advance(60_000);
    p.open(chat.id, 1);
    learning.completeLesson(chat.id, 1);
    // Lesson 2: quiz 3/5 in chat (no pass), 5/5 in the app (pass).
    p.recordQuiz(chat.id, 2, 3, false);
    p.recordQuiz(app.id, 2, 5, true);
    // Lesson 3: only the app; lesson 4: only the chat.
    learning.completeLesson(app.id, 3);
    p.open(chat.id, 4);
    const appLesson1Opened = db.prepare(`SELECT opened_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = 1`).pluck().get(app.id);
    const appPassed = db.prepare(`SELECT passed_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = 2`).pluck().get(app.id);
    const countsBefore = db.prepare(`SELECT * FROM daily_counts ORDER BY metric`).all();

    expect(joinIdentities(db, clock, "7000000000000000001", "5000000000000000001")).toBe("merge");

    expect(learning.learners.byId(app.id)).toBeUndefined();
    const one = learning.learners.byAppUserId("5000000000000000001")!;
    expect(one.id).toBe(chat.id);
    expect(one.zalo_user_id).toBe("7000000000000000001");
    const lessons = p.lessons(chat.id);
    expect(lessons.slice(0, 4)).toEqual([
      { id: 1, status: "done", quizBest: null, quizPassed: false },
      { id: 2, status: "done", quizBest: 5, quizPassed: true },
      { id: 3, status: "done", quizBest: null, quizPassed: false },
      { id: 4, status: "in_progress", quizBest: null, quizPassed: false },
    ]);
    const row = (lesson: number) =>
      db.prepare(`SELECT opened_at, passed_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = ?`).get(chat.id, lesson) as {
        opened_at: string;
        passed_at: string;
      };
    expect(row(1).opened_at).toBe(appLesson1Opened);
    expect(row(2).passed_at).toBe(appPassed);
    // Anonymous counts are not touched by a merge.
    expect(db.prepare(`SELECT * FROM daily_counts ORDER BY metric`).all()).toEqual(countsBefore);
  });

  it("keeps the earlier pass time and the best score when both passed", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    learning.progress.recordQuiz(chat.id, 5, 4, true);
    const chatPassed = db.prepare(`SELECT passed_at FROM lesson_progress WHERE learner_id = ?`).pluck().get(chat.id);
    clock.advance(DAY);
    learning.progress.recordQuiz(app.id, 5, 5, true);
    mergeLearners(db, clock, chat.id, app.id);
    expect(db.prepare(`SELECT best_score, passed_at FROM lesson_progress WHERE learner_id = ?`).get(chat.id)).toEqual({
      best_score: 5,
      passed_at: chatPassed,
    });
  });

  it("moves quiz attempts with their items, keeps the lower review box and earlier due date, moves sessions and outreach rows", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    const questions = learning.content.questionsByLesson.get(1)!.slice(0, 5);
    const attempt = learning.attempts.start(app.id, "lesson", 1, questions, "app");
    questions.forEach((q, i) => learning.attempts.answer(attempt.id, i + 1, q.answer));
    learning.attempts.finish(attempt.id, 4);
    // Review: the app learner missed 01-01 long ago (box 1, due soon); the chat one has it in box 3.
    db.prepare(`INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, '01-01', 1, '2026-11-24T00:00:00.000Z')`).run(app.id);
    db.prepare(`INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, '01-01', 3, '2026-11-30T00:00:00.000Z')`).run(chat.id);
    db.prepare(`INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, '02-01', 2, '2026-11-26T00:00:00.000Z')`).run(app.id);
    db.prepare(`INSERT INTO sessions (token_hash, learner_id, created_at, expires_at) VALUES ('h1', ?, '', '2099-01-01T00:00:00.000Z')`).run(app.id);
    // Outreach rows: the same day's reminder slot on both (one must give way), a tip seen, a review prompt.
    const send = db.prepare(`INSERT INTO outreach_sends (learner_id, day, kind, queued_at) VALUES (?, '2026-11-23', ?, '')`);
    send.run(app.id, "reminder");
    send.run(chat.id, "reminder");
    send.run(app.id, "tip");
    db.prepare(`INSERT INTO tips_seen (learner_id, tip_id, seen_at) VALUES (?, 'tip-1', '')`).run(app.id);
    db.prepare(`INSERT INTO tips_seen (learner_id, tip_id, seen_at) VALUES (?, 'tip-1', '')`).run(chat.id);
    db.prepare(`INSERT INTO review_prompts (token, learner_id, question_id, created_at) VALUES ('tok-1', ?, '03-01', '')`).run(app.id);

    expect(mergeLearners(db, clock, chat.id, app.id)).toEqual({ merged: true });

    expect(db.prepare(`SELECT learner_id FROM quiz_attempts WHERE id = ?`).pluck().get(attempt.id)).toBe(chat.id);
    expect(learning.attempts.get(attempt.id)!.items).toHaveLength(5);
    expect(db.prepare(`SELECT question_id, box, due_at FROM review_items WHERE learner_id = ? ORDER BY question_id`).all(chat.id)).toEqual([
      { question_id: "01-01", box: 1, due_at: "2026-11-24T00:00:00.000Z" },
      { question_id: "02-01", box: 2, due_at: "2026-11-26T00:00:00.000Z" },
    ]);
    expect(db.prepare(`SELECT learner_id FROM sessions WHERE token_hash = 'h1'`).pluck().get()).toBe(chat.id);
    expect(db.prepare(`SELECT kind FROM outreach_sends WHERE learner_id = ? ORDER BY kind`).pluck().all(chat.id)).toEqual(["reminder", "tip"]);
    expect(db.prepare(`SELECT COUNT(*) FROM tips_seen`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT learner_id FROM review_prompts WHERE token = 'tok-1'`).pluck().get()).toBe(chat.id);
    // Nothing is left pointing at the deleted record.
    expect(Object.values(rowsOf(db, app.id)).every((n) => n === 0)).toBe(true);
  });

  it("moves rows of tables added later (found through their foreign key to learners)", () => {
    const { db, clock, app, chat } = twoDoors();
    db.exec(`CREATE TABLE later_feature (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE, note TEXT)`);
    db.prepare(`INSERT INTO later_feature (owner, note) VALUES (?, 'from the app')`).run(app.id);
    mergeLearners(db, clock, chat.id, app.id);
    expect(db.prepare(`SELECT owner, note FROM later_feature`).all()).toEqual([{ owner: chat.id, note: "from the app" }]);
  });

  it("never loses a certificate: the only one moves; of two, the earlier issued stays", () => {
    const one = twoDoors();
    const won = one.learning.certificates.issue(one.app.id, "Nguyễn Thị Lan", 18, 20, [1, 2]);
    mergeLearners(one.db, one.clock, one.chat.id, one.app.id);
    expect(one.learning.certificates.forLearner(one.chat.id)?.code).toBe(won.code);
    expect(one.learning.certificates.byCode(won.code)).toBeDefined();

    const two = twoDoors();
    const first = two.learning.certificates.issue(two.app.id, "Lan", 17, 20, [1]);
    two.clock.advance(DAY);
    two.learning.certificates.issue(two.chat.id, "Lan", 20, 20, [1]);
    mergeLearners(two.db, two.clock, two.chat.id, two.app.id);
    expect(two.learning.certificates.forLearner(two.chat.id)?.code).toBe(first.code);
    expect(two.db.prepare(`SELECT COUNT(*) FROM certificates`).pluck().get()).toBe(1);
  });

  it("fills missing profile fields; consent is the most recent explicit choice; place, reminder time and kept name only with consent", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    learning.learners.update(app.id, { consent: "granted", province_code: "01", commune_code: "00004", certificate_name: "Nguyễn Thị Lan" });
    clock.advance(60_000);
    learning.learners.update(chat.id, { consent: "declined", reminder_time: "19:30" });
    mergeLearners(db, clock, chat.id, app.id);
    const l = learning.learners.byId(chat.id)!;
    expect(l).toMatchObject({
      consent: "declined",
      province_code: null,
      commune_code: null,
      // Kept only with consent, as when declining in either door (learning/consent.ts).
      certificate_name: null,
      display_name: "Nguyễn Thị Lan",
      reminder_time: null,
      // First touch and joining date come from the older (app) record.
      first_source: "buudien-tan-lap",
      referrer_code: "tnv_017",
      created_at: app.created_at,
    });
  });

  it("a later grant wins over an earlier decline and keeps the place; no choice on either side stays no choice", () => {
    const a = twoDoors();
    a.learning.learners.update(a.chat.id, { consent: "declined" });
    a.clock.advance(60_000);
    a.learning.learners.update(a.app.id, { consent: "granted", province_code: "01" });
    mergeLearners(a.db, a.clock, a.chat.id, a.app.id);
    expect(a.learning.learners.byId(a.chat.id)).toMatchObject({ consent: "granted", province_code: "01" });

    const b = twoDoors();
    mergeLearners(b.db, b.clock, b.chat.id, b.app.id);
    expect(b.learning.learners.byId(b.chat.id)).toMatchObject({ consent: null, province_code: null });
  });

  it("joining twice is a no-op; merging a record already gone is a no-op", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    learning.completeLesson(app.id, 1);
    expect(joinIdentities(db, clock, "7000000000000000001", "5000000000000000001")).toBe("merge");
    const snapshot = () => ({
      learners: db.prepare(`SELECT * FROM learners ORDER BY id`).all(),
      progress: db.prepare(`SELECT * FROM lesson_progress ORDER BY learner_id, lesson_id`).all(),
    });
    const before = snapshot();
    clock.advance(DAY);
    expect(joinIdentities(db, clock, "7000000000000000001", "5000000000000000001")).toBe("already");
    expect(mergeLearners(db, clock, chat.id, app.id)).toEqual({ merged: false });
    expect(snapshot()).toEqual(before);
  });

  it("never joins ids already paired with someone else; the chat event still goes through", () => {
    const f = learningFixture();
    const lan = f.learning.learners.touch("7000000000000000011", f.clock.now(), "5000000000000000011");
    const hoa = f.learning.learners.touch("7000000000000000022", f.clock.now(), "5000000000000000022");
    // A contradicting pair (X of Lan with app id of Hoa): nothing is handed over, nothing throws.
    expect(joinIdentities(f.db, f.clock, "7000000000000000011", "5000000000000000022")).toBe("conflict");
    const again = f.learning.learners.touch("7000000000000000011", f.clock.now(), "5000000000000000022");
    expect(again.id).toBe(lan.id);
    expect(f.learning.learners.byId(lan.id)!.zalo_app_user_id).toBe("5000000000000000011");
    expect(f.learning.learners.byId(hoa.id)!.zalo_user_id).toBe("7000000000000000022");
  });

  it("Graph's word re-pairs a chat record held by another app id with the Mini App's id (merging its app record), once", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    db.prepare(`UPDATE learners SET zalo_app_user_id = '5000000000000000999' WHERE id = ?`).run(chat.id);
    learning.completeLesson(app.id, 2);
    expect(joinFromGraph(db, clock, "7000000000000000001", "5000000000000000001")).toBe("repaired");
    expect(learning.learners.byId(app.id)).toBeUndefined();
    const one = learning.learners.byId(chat.id)!;
    expect([one.zalo_user_id, one.zalo_app_user_id]).toEqual(["7000000000000000001", "5000000000000000001"]);
    expect(learning.progress.lessons(chat.id)[1]!.status).toBe("done");
    expect(joinFromGraph(db, clock, "7000000000000000001", "5000000000000000001")).toBe("already");
    // The webhook's old app id changes nothing now: a conflict, left alone.
    expect(joinIdentities(db, clock, "7000000000000000001", "5000000000000000999")).toBe("conflict");
    // An app id paired with another OA id is never moved, not even by Graph.
    const other = learning.learners.touch("7000000000000000002", clock.now(), "5000000000000000002");
    expect(joinFromGraph(db, clock, "7000000000000000001", "5000000000000000002")).toBe("conflict");
    expect(learning.learners.byId(other.id)!.zalo_user_id).toBe("7000000000000000002");
    expect(learning.learners.byId(chat.id)!.zalo_app_user_id).toBe("5000000000000000001");
  });

  it("erasing after a merge removes everything of the person, counts stay", () => {
    const { learning, db, clock, app, chat } = twoDoors();
    learning.learners.update(app.id, { consent: "granted", province_code: "01", commune_code: "00004" });
    learning.completeLesson(app.id, 1);
    learning.certificates.issue(app.id, "Lan", 18, 20, [1]);
    learning.completeLesson(chat.id, 2);
    const questions = learning.content.questionsByLesson.get(3)!.slice(0, 5);
    const attempt = learning.attempts.start(chat.id, "lesson", 3, questions, "chat");
    learning.attempts.answer(attempt.id, 1, 0);
    mergeLearners(db, clock, chat.id, app.id);
    const counts = db.prepare(`SELECT * FROM daily_counts ORDER BY metric`).all();
    learning.erase(chat.id);
    expect(db.prepare(`SELECT COUNT(*) FROM learners`).pluck().get()).toBe(0);
    for (const { tbl } of learnerTables(db)) expect(db.prepare(`SELECT COUNT(*) FROM "${tbl}"`).pluck().get(), tbl).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM quiz_items`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT * FROM daily_counts ORDER BY metric`).all()).toEqual(counts);
  });
});

describe("one learner across chat and Mini App, through the webhook and the sign-in", () => {
  let t: AppApi;
  /** The processing stage's Learning, as the chat handlers use it. */
  let chat: Learning;
  beforeAll(async () => {
    t = await appApiServer({ env: { MINI_APP_ID: MINI_APP } });
    t.fake.graphMiniAppId = MINI_APP;
    chat = t.chat;
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Posts a signed event and waits until the inbox worker has handled it (or failed on it). */
  async function deliver(event: Record<string, unknown>) {
    const last = t.db.prepare(`SELECT COALESCE(MAX(id), 0) FROM inbox`).pluck().get() as number;
    expect((await postEvent(t.server.url, event)).status).toBe(200);
    const row = () =>
      t.db.prepare(`SELECT status, last_error FROM inbox WHERE id > ? ORDER BY id LIMIT 1`).get(last) as
        | { status: string; last_error: string | null }
        | undefined;
    await t.fake.waitFor(() => row() !== undefined && (row()!.status !== "pending" || row()!.last_error !== null), 5000, "the event");
    return row()!;
  }

  /** A chat learner the webhook created without an app id (Zalo left user_id_by_app out). */
  async function chatOnly(oa: string) {
    const event = followEvent(oa);
    delete event.user_id_by_app;
    await deliver(event);
    return chat.learners.byZaloUserId(oa)!;
  }

  /** One person, two records: an app record with lesson `appLesson` done, a chat-only one with `chatLesson` done. */
  async function twoRecords(n: number, appLesson: number, chatLesson: number) {
    const g = graphId(n);
    const oa = userId(n);
    const early = await t.signIn(g);
    await t.call("POST", `/api/lessons/${appLesson}/complete`, { token: early.token });
    const learner = await chatOnly(oa);
    chat.completeLesson(learner.id, chatLesson);
    return { g, oa, early, learner };
  }

  it("app first, then chat: the signed webhook merges the two records; the app session, progress, attempts and certificate carry over", async () => {
    const g = graphId(301);
    const oa = "7000000000000000301";
    const { token } = await t.signIn(g);
    await t.call("POST", "/api/lessons/1/complete", { token });
    const quiz = await t.call("POST", "/api/quiz-attempts", { token, body: { attemptId: newAttemptId(), lessonId: 2, answers: lessonAnswers(2) } });
    expect(quiz.body.passed).toBe(true);
    const attemptId = newAttemptId();
    const questions = (await t.call("POST", "/api/final-test", { token, body: { attemptId } })).body.questions as { id: string }[];
    const answers = questions.map((q) => ({ questionId: q.id, chosen: chat.attempts.question(q.id)!.answer }));
    const result = await t.call("POST", `/api/final-test/${attemptId}/submit`, { token, body: { answers } });
    expect(result.body.passed).toBe(true);
    const code = (await t.call("POST", "/api/certificate", { token, body: { name: "Trần Thị Hoa" } })).body.certificate.code as string;

    // Meanwhile the person also chats; the first event lacked user_id_by_app, so a second record exists.
    const oaLearner = await chatOnly(oa);
    chat.completeLesson(oaLearner.id, 4);
    const appLearner = t.learning.learners.byAppUserId(g)!;
    expect(appLearner.id).not.toBe(oaLearner.id);

    // The next event carries user_id_by_app: before, this broke the UNIQUE app id and failed the event.
    const handled = await deliver({ ...textEvent(oa, "tiến độ"), user_id_by_app: g });
    expect(handled).toEqual({ status: "done", last_error: null });

    expect(t.learning.learners.byId(appLearner.id)).toBeUndefined();
    expect(t.db.prepare(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ? OR zalo_app_user_id = ?`).pluck().get(oa, g)).toBe(1);
    const me = await t.call("GET", "/api/progress", { token });
    expect(me.status).toBe(200);
    expect(me.body.lessons.slice(0, 4).map((l: { status: string }) => l.status)).toEqual(["done", "done", "not_started", "done"]);
    expect(me.body.lessons[1].quizPassed).toBe(true);
    const cert = await t.call("GET", "/api/certificate", { token });
    expect(cert.body.certificate.code).toBe(code);
    expect(chat.certificates.forLearner(oaLearner.id)?.code).toBe(code);
    expect(t.db.prepare(`SELECT COUNT(*) FROM quiz_attempts WHERE learner_id = ?`).pluck().get(oaLearner.id)).toBe(2);
    // And the chat itself answered the event (the reply is queued for this OA user).
    expect(t.db.prepare(`SELECT COUNT(*) FROM outbox WHERE user_id = ?`).pluck().get(oa)).toBeGreaterThan(0);
  });

  it("chat first, then the app: a sign-in whose Graph id is the webhook's user_id_by_app is that learner, no OA call needed", async () => {
    const g = graphId(302);
    const oa = "7000000000000000302";
    await deliver({ ...followEvent(oa), user_id_by_app: g });
    const learner = chat.learners.byZaloUserId(oa)!;
    chat.completeLesson(learner.id, 6);
    const asked = t.fake.userDetailRequests.length;
    const { token } = await t.signIn(g, { idByOA: oa });
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[5].status).toBe("done");
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(learner.id);
  });

  it("a forged idByOA (someone else's OA id) is not linked: a new learner, the other person's progress stays out of sight", async () => {
    const victimOa = "7000000000000000303";
    const victim = await chatOnly(victimOa);
    chat.completeLesson(victim.id, 1);
    chat.learners.update(victim.id, { certificate_name: "Trần Văn Bảy" });
    // Zalo knows the victim under another app id than the intruder's.
    t.fake.oaUsers.set(victimOa, { userIdByApp: graphId(3030), name: "Trần Văn Bảy" });
    const intruder = await t.signIn(graphId(304), { idByOA: victimOa });
    expect(t.fake.userDetailRequests.at(-1)).toEqual({ accessToken: t.fake.accessToken, userId: victimOa });
    const progress = await t.call("GET", "/api/progress", { token: intruder.token });
    expect(progress.body.lessons[0].status).toBe("not_started");
    expect(intruder.body.learner.certificateName).toBeNull();
    const mine = t.learning.learners.byAppUserId(graphId(304))!;
    expect(mine.id).not.toBe(victim.id);
    expect(mine.zalo_user_id).toBeNull();
    expect(t.learning.learners.byZaloUserId(victimOa)!.zalo_app_user_id).toBeNull();
  });

  it("an idByOA no one has used yet is not claimed without Zalo's word (it would catch that person's chat later)", async () => {
    const unknownOa = "7000000000000000305";
    // First sign-in creates the app learner; the second finds it: neither may take the OA id unconfirmed.
    for (let i = 0; i < 2; i++) {
      const { body } = await t.signIn(graphId(305), { idByOA: unknownOa });
      expect(body.learner).toBeTruthy();
      expect(t.learning.learners.byZaloUserId(unknownOa)).toBeUndefined();
    }
    // The real owner of that OA id writes: they get their own record, not the app user's.
    await deliver({ ...textEvent(unknownOa, "xin chào"), user_id_by_app: graphId(3050) });
    expect(chat.learners.byZaloUserId(unknownOa)!.id).not.toBe(t.learning.learners.byAppUserId(graphId(305))!.id);
  });

  it("a verified idByOA links at sign-in, merging an earlier app record into the chat record; the old session still works", async () => {
    const { g, oa, early, learner: chatLearner } = await twoRecords(306, 2, 8);
    t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Lê Thị Hoa" });
    const { token } = await t.signIn(g, { idByOA: oa });
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(chatLearner.id);
    for (const session of [token, early.token]) {
      const lessons = (await t.call("GET", "/api/progress", { token: session })).body.lessons;
      expect([lessons[1].status, lessons[7].status]).toEqual(["done", "done"]);
    }
  });

  it("user/detail refusing, without `error`, down, hanging past the timeout or without user_id_by_app: signed in, not linked", async () => {
    const cases: { behaviour: "error" | "no-error-field" | "down" | "hang" | "answer"; withAppId: boolean }[] = [
      { behaviour: "error", withAppId: true },
      { behaviour: "no-error-field", withAppId: true },
      { behaviour: "down", withAppId: true },
      { behaviour: "hang", withAppId: true },
      { behaviour: "answer", withAppId: false },
    ];
    let n = 310;
    for (const c of cases) {
      n++;
      const oa = `7000000000000000${n}`;
      const g = graphId(n);
      const learner = await chatOnly(oa);
      t.fake.oaUsers.set(oa, c.withAppId ? { userIdByApp: g, name: "Hoa" } : { name: "Hoa" });
      t.fake.userDetailBehaviour = c.behaviour;
      const asked = t.fake.userDetailRequests.length;
      const res = await t.signIn(g, { idByOA: oa });
      t.fake.userDetailBehaviour = "answer";
      expect(t.fake.userDetailRequests.length, c.behaviour).toBe(asked + 1);
      expect(res.body.sessionToken, c.behaviour).toBeTruthy();
      expect(t.learning.learners.byAppUserId(g)!.id, c.behaviour).not.toBe(learner.id);
      expect(t.learning.learners.byZaloUserId(oa)!.zalo_app_user_id, c.behaviour).toBeNull();
      // The person's next chat message joins them (Zalo signs it).
      await deliver({ ...textEvent(oa, "bài 1"), user_id_by_app: g });
      expect(t.learning.learners.byAppUserId(g)!.id, c.behaviour).toBe(learner.id);
    }
  });

  it("never refreshes the OA token from a sign-in: a rejected or expired token means no link, and no refresh", async () => {
    const oa = "7000000000000000320";
    const g = graphId(320);
    await chatOnly(oa);
    t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Hoa" });
    // The chat's replies go out first: only the sign-in may meet the rejected token below.
    await t.fake.waitFor(() => t.db.prepare(`SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')`).pluck().get() === 0, 5000, "replies sent");
    const refreshes = t.fake.refreshRequests.length;
    const stored = t.db.prepare(`SELECT access_token, expires_at FROM oa_tokens WHERE id = 1`).get() as { access_token: string; expires_at: string | null };
    // Zalo now rejects the stored token (-216).
    const live = t.fake.accessToken;
    t.fake.accessToken = "rotated-elsewhere";
    await t.signIn(g, { idByOA: oa });
    t.fake.accessToken = live;
    expect(t.fake.userDetailRequests.at(-1)?.accessToken).toBe(stored.access_token);
    expect(t.learning.learners.byZaloUserId(oa)!.zalo_app_user_id).toBeNull();
    // A stored token past its end is not even sent.
    t.db.prepare(`UPDATE oa_tokens SET expires_at = ? WHERE id = 1`).run(new Date(t.clock.now().getTime() - 1000).toISOString());
    const asked = t.fake.userDetailRequests.length;
    await t.signIn(graphId(321), { idByOA: oa });
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    t.db.prepare(`UPDATE oa_tokens SET expires_at = ? WHERE id = 1`).run(stored.expires_at);
    expect(t.fake.refreshRequests).toHaveLength(refreshes);
    expect(t.learning.learners.byZaloUserId(oa)!.zalo_app_user_id).toBeNull();
  });

  it("a malformed idByOA (emoji, Vietnamese text, too long) is dropped before any check", async () => {
    const asked = t.fake.userDetailRequests.length;
    for (const idByOA of ["😀", "bà Lan", "7".repeat(40), "", "-1", "12 34"]) {
      const res = await t.signIn(graphId(330), { idByOA });
      expect(res.body.sessionToken).toBeTruthy();
    }
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect(t.learning.learners.byAppUserId(graphId(330))!.zalo_user_id).toBeNull();
  });

  it("erasing through DELETE /api/me after a merge removes the person's records and chat messages", async () => {
    const g = graphId(340);
    const oa = "7000000000000000340";
    const { token } = await t.signIn(g);
    await t.call("POST", "/api/lessons/1/complete", { token });
    await chatOnly(oa);
    await deliver({ ...textEvent(oa, "số điện thoại của tôi"), user_id_by_app: g });
    const id = t.learning.learners.byAppUserId(g)!.id;
    expect((await t.call("DELETE", "/api/me", { token })).status).toBe(200);
    expect(t.learning.learners.byAppUserId(g)).toBeUndefined();
    expect(t.learning.learners.byZaloUserId(oa)).toBeUndefined();
    expect(Object.values(rowsOf(t.db, id)).every((n) => n === 0)).toBe(true);
    expect(t.db.prepare(`SELECT COUNT(*) FROM inbox WHERE user_id = ? AND status != 'pending'`).pluck().get(oa)).toBe(0);
    expect((await t.call("GET", "/api/progress", { token })).status).toBe(401);
  });
  it("Zalo's user_id_by_oa links the sign-in to the chat learner: progress from the chat shows in the app, no OA call", async () => {
    const g = graphId(350);
    const oa = "7000000000000000350";
    const learner = await chatOnly(oa);
    chat.completeLesson(learner.id, 3);
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const asked = t.fake.userDetailRequests.length;
    const { token } = await t.signIn(g);
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[2].status).toBe("done");
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(learner.id);
    // The chat and the app are one learner: what the app does, the chat sees.
    await t.call("POST", "/api/lessons/4/complete", { token });
    expect(chat.progress.lessons(learner.id)[3]!.status).toBe("done");
  });

  it("user_id_by_oa merges an earlier app record into the chat record as the webhook does; signing in again changes nothing", async () => {
    const { g, oa, early, learner } = await twoRecords(351, 2, 9);
    const appRecord = t.learning.learners.byAppUserId(g)!;
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const { token } = await t.signIn(g);
    expect(t.learning.learners.byId(appRecord.id)).toBeUndefined();
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(learner.id);
    for (const session of [token, early.token]) {
      const lessons = (await t.call("GET", "/api/progress", { token: session })).body.lessons;
      expect([lessons[1].status, lessons[8].status]).toEqual(["done", "done"]);
    }
    const snapshot = () => [
      t.db.prepare(`SELECT * FROM learners WHERE id = ?`).get(learner.id),
      t.db.prepare(`SELECT * FROM lesson_progress WHERE learner_id = ? ORDER BY lesson_id`).all(learner.id),
      t.db.prepare(`SELECT COUNT(*) FROM learners`).pluck().get(),
    ];
    const before = snapshot();
    await t.signIn(g);
    expect(snapshot()).toEqual(before);
  });

  it("a forged idByOA that differs from Zalo's user_id_by_oa is ignored: Zalo's record is linked, the claimed one untouched", async () => {
    const g = graphId(352);
    const mine = "7000000000000000352";
    const victimOa = "7000000000000000353";
    const own = await chatOnly(mine);
    const victim = await chatOnly(victimOa);
    chat.completeLesson(victim.id, 1);
    // Even if the OA's user/detail were to confirm the claim, Zalo's Graph answer decides.
    t.fake.oaUsers.set(victimOa, { userIdByApp: g, name: "Trần Văn Bảy" });
    t.fake.graphPeople.set(g, { userIdByOA: mine });
    const asked = t.fake.userDetailRequests.length;
    const { token } = await t.signIn(g, { idByOA: victimOa });
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(own.id);
    expect(t.learning.learners.byZaloUserId(victimOa)!.zalo_app_user_id).toBeNull();
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[0].status).toBe("not_started");
  });

  it("Graph gives no user_id_by_oa (empty): the confirmed idByOA still links, through OA user/detail", async () => {
    const g = graphId(354);
    const oa = "7000000000000000354";
    const learner = await chatOnly(oa);
    t.fake.graphPeople.set(g, { userIdByOA: "" });
    t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Hoa" });
    await t.signIn(g, { idByOA: oa });
    expect(t.fake.userDetailRequests.at(-1)?.userId).toBe(oa);
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(learner.id);
  });

  it("two sign-ins and a chat message at the same moment: one learner, every session sees the merged progress", async () => {
    const { g, oa, early, learner } = await twoRecords(355, 5, 6);
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const inboxBefore = t.db.prepare(`SELECT COALESCE(MAX(id), 0) FROM inbox`).pluck().get() as number;
    // The message carries no user_id_by_app: only Graph's answer can join the two records.
    const message = textEvent(oa, "tiến độ");
    delete message.user_id_by_app;
    const [a, b, posted] = await Promise.all([t.signIn(g), t.signIn(g), postEvent(t.server.url, message)]);
    expect(posted.status).toBe(200);
    const event = () => t.db.prepare(`SELECT status, last_error FROM inbox WHERE id > ? ORDER BY id LIMIT 1`).get(inboxBefore) as { status: string } | undefined;
    await t.fake.waitFor(() => event()?.status === "done", 5000, "the chat message handled");
    expect(event()).toEqual({ status: "done", last_error: null });
    expect(t.db.prepare(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ? OR zalo_app_user_id = ?`).pluck().get(oa, g)).toBe(1);
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(learner.id);
    for (const session of [a.token, b.token, early.token]) {
      const lessons = (await t.call("GET", "/api/progress", { token: session })).body.lessons;
      expect([lessons[4].status, lessons[5].status]).toEqual(["done", "done"]);
    }
  });

  it("a chat record the webhook paired with another app id is still the token holder's by Zalo's word; that id's events still reach it", async () => {
    const g = graphId(356);
    const oa = "7000000000000000356";
    const webhookAppId = "5000000000000000356";
    // The webhook's user_id_by_app is not the Mini App's Graph id (it is not confirmed that they are equal).
    await deliver({ ...followEvent(oa), user_id_by_app: webhookAppId });
    const learner = chat.learners.byZaloUserId(oa)!;
    expect(learner.zalo_app_user_id).toBe(webhookAppId);
    chat.completeLesson(learner.id, 10);
    const early = await t.signIn(g);
    await t.call("POST", "/api/lessons/11/complete", { token: early.token });
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const { token } = await t.signIn(g);
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(learner.id);
    const lessons = (await t.call("GET", "/api/progress", { token })).body.lessons;
    expect([lessons[9].status, lessons[10].status]).toEqual(["done", "done"]);
    // Zalo stops naming the OA id (say the person unfollowed): the app still finds them by its own id.
    t.fake.graphPeople.delete(g);
    expect((await t.call("GET", "/api/progress", { token: (await t.signIn(g)).token })).body.lessons[9].status).toBe("done");
    // The chat goes on under the webhook's id, on the same record.
    expect(await deliver({ ...textEvent(oa, "tiến độ"), user_id_by_app: webhookAppId })).toEqual({ status: "done", last_error: null });
    expect(chat.learners.byZaloUserId(oa)!.id).toBe(learner.id);
    expect(t.db.prepare(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ? OR zalo_app_user_id IN (?, ?)`).pluck().get(oa, g, webhookAppId)).toBe(1);
  });

  it("an app learner already paired with another OA id is not moved by Graph's answer; neither chat record changes hands", async () => {
    const g = graphId(357);
    const first = "7000000000000000357";
    const other = "7000000000000000358";
    await deliver({ ...followEvent(first), user_id_by_app: g });
    const paired = chat.learners.byZaloUserId(first)!;
    const otherRecord = await chatOnly(other);
    chat.completeLesson(otherRecord.id, 12);
    t.fake.graphPeople.set(g, { userIdByOA: other });
    const { token } = await t.signIn(g);
    expect(t.learning.learners.byAppUserId(g)!.id).toBe(paired.id);
    expect(t.learning.learners.byZaloUserId(other)!.zalo_app_user_id).toBeNull();
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[11].status).toBe("not_started");
  });
});
