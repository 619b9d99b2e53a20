import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appApiServer, graphId, newAttemptId, type AppApi } from "../../test/support/app-api.js";
import { learningFixture, lessonAnswers } from "../../test/support/learning.js";
import { followEvent, postEvent, textEvent, userId } from "../../test/support/server.js";
import { joinFromGraph, joinIdentities, learnerReferences, mergeLearners } from "../src/learning/merge.js";
import type { Learning } from "../src/learning/index.js";
import type { Store } from "../src/db/store.js";

const DAY = 24 * 60 * 60_000;
const MINI_APP = "3141592653589793238";


/** How many rows each learner-referencing table holds for this learner. */
async function rowsOf(store: Store, learnerId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { tbl, col } of await learnerReferences(store)) {
    out[tbl] = (await store.value<number>(`SELECT COUNT(*) FROM "${tbl}" WHERE "${col}" = ?`, [learnerId]))!;
  }
  return out;
}

describe("merging two records of one person (learning/merge.ts)", () => {
  /** An app-only learner (app id Y) and an OA-only learner (OA id X), each with their own records. */
  async function twoDoors() {
    const f = await learningFixture();
    const app = (await f.learning.learners.forAppUser("5000000000000000001", undefined, "Nguyễn Thị Lan")).learner;
    await f.learning.learners.recordFirstTouch(app.id, "buudien-tan-lap", "tnv_017");
    f.clock.advance(DAY);
    const chat = await f.learning.learners.touch("7000000000000000001", f.clock.now());
    await f.learning.learners.recordFirstTouch(chat.id, "qr-oa", undefined);
    return { ...f, app, chat };
  }

  it("keeps the OA record, unions progress (earliest opened, any completion, best score, earliest pass)", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    const p = learning.progress;
    // Lesson 1: opened in the app first, completed only in the chat.
    await p.open(app.id, 1);
    clock.advance(60_000);
    await p.open(chat.id, 1);
    await learning.completeLesson(chat.id, 1);
    // Lesson 2: quiz 3/5 in chat (no pass), 5/5 in the app (pass).
    await p.recordQuiz(chat.id, 2, 3, false);
    await p.recordQuiz(app.id, 2, 5, true);
    // Lesson 3: only the app; lesson 4: only the chat.
    await learning.completeLesson(app.id, 3);
    await p.open(chat.id, 4);
    const appLesson1Opened = await store.value(`SELECT opened_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = 1`, [app.id]);
    const appPassed = await store.value(`SELECT passed_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = 2`, [app.id]);
    const countsBefore = await store.all(`SELECT * FROM daily_counts ORDER BY metric`);

    expect(await joinIdentities(store, clock, "7000000000000000001", "5000000000000000001")).toBe("merge");

    expect(await learning.learners.byId(app.id)).toBeUndefined();
    const one = (await learning.learners.byAppUserId("5000000000000000001"))!;
    expect(one.id).toBe(chat.id);
    expect(one.zalo_user_id).toBe("7000000000000000001");
    const lessons = await p.lessons(chat.id);
    expect(lessons.slice(0, 4)).toEqual([
      { id: 1, status: "done", quizBest: null, quizPassed: false },
      { id: 2, status: "done", quizBest: 5, quizPassed: true },
      { id: 3, status: "done", quizBest: null, quizPassed: false },
      { id: 4, status: "in_progress", quizBest: null, quizPassed: false },
    ]);
    const row = async (lesson: number) =>
      (await store.get<{ opened_at: string; passed_at: string }>(
        `SELECT opened_at, passed_at FROM lesson_progress WHERE learner_id = ? AND lesson_id = ?`,
        [chat.id, lesson],
      ))!;
    expect((await row(1)).opened_at).toBe(appLesson1Opened);
    expect((await row(2)).passed_at).toBe(appPassed);
    // Anonymous counts are not touched by a merge.
    expect(await store.all(`SELECT * FROM daily_counts ORDER BY metric`)).toEqual(countsBefore);
  });

  it("keeps the earlier pass time and the best score when both passed", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    await learning.progress.recordQuiz(chat.id, 5, 4, true);
    const chatPassed = await store.value(`SELECT passed_at FROM lesson_progress WHERE learner_id = ?`, [chat.id]);
    clock.advance(DAY);
    await learning.progress.recordQuiz(app.id, 5, 5, true);
    await mergeLearners(store, clock, chat.id, app.id);
    expect(await store.get(`SELECT best_score, passed_at FROM lesson_progress WHERE learner_id = ?`, [chat.id])).toEqual({
      best_score: 5,
      passed_at: chatPassed,
    });
  });

  it("moves quiz attempts with their items, keeps the lower review box and earlier due date, moves sessions and outreach rows", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    const questions = learning.content.questionsByLesson.get(1)!.slice(0, 5);
    const attempt = await learning.attempts.start(app.id, "lesson", 1, questions, "app");
    for (const [i, q] of questions.entries()) await learning.attempts.answer(attempt.id, i + 1, q.answer);
    await learning.attempts.finish(attempt.id, 4);
    // Review: the app learner missed 01-01 long ago (box 1, due soon); the chat one has it in box 3.
    await store.run(`INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, '01-01', 1, '2026-11-24T00:00:00.000Z')`, [app.id]);
    await store.run(`INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, '01-01', 3, '2026-11-30T00:00:00.000Z')`, [chat.id]);
    await store.run(`INSERT INTO review_items (learner_id, question_id, box, due_at) VALUES (?, '02-01', 2, '2026-11-26T00:00:00.000Z')`, [app.id]);
    await store.run(`INSERT INTO sessions (token_hash, learner_id, created_at, expires_at) VALUES ('h1', ?, '', '2099-01-01T00:00:00.000Z')`, [app.id]);
    // Outreach rows: the same day's reminder slot on both (one must give way), a tip seen, a review prompt.
    const send = (learnerId: number, kind: string) =>
      store.run(`INSERT INTO outreach_sends (learner_id, day, kind, queued_at) VALUES (?, '2026-11-23', ?, '')`, [learnerId, kind]);
    await send(app.id, "reminder");
    await send(chat.id, "reminder");
    await send(app.id, "tip");
    await store.run(`INSERT INTO tips_seen (learner_id, tip_id, seen_at) VALUES (?, 'tip-1', '')`, [app.id]);
    await store.run(`INSERT INTO tips_seen (learner_id, tip_id, seen_at) VALUES (?, 'tip-1', '')`, [chat.id]);
    await store.run(`INSERT INTO review_prompts (token, learner_id, question_id, created_at) VALUES ('tok-1', ?, '03-01', '')`, [app.id]);

    expect(await mergeLearners(store, clock, chat.id, app.id)).toEqual({ merged: true });

    expect(await store.value(`SELECT learner_id FROM quiz_attempts WHERE id = ?`, [attempt.id])).toBe(chat.id);
    expect((await learning.attempts.get(attempt.id))!.items).toHaveLength(5);
    expect(await store.all(`SELECT question_id, box, due_at FROM review_items WHERE learner_id = ? ORDER BY question_id`, [chat.id])).toEqual([
      { question_id: "01-01", box: 1, due_at: "2026-11-24T00:00:00.000Z" },
      { question_id: "02-01", box: 2, due_at: "2026-11-26T00:00:00.000Z" },
    ]);
    expect(await store.value(`SELECT learner_id FROM sessions WHERE token_hash = 'h1'`)).toBe(chat.id);
    expect(await store.column(`SELECT kind FROM outreach_sends WHERE learner_id = ? ORDER BY kind`, [chat.id])).toEqual(["reminder", "tip"]);
    expect(await store.value(`SELECT COUNT(*) FROM tips_seen`)).toBe(1);
    expect(await store.value(`SELECT learner_id FROM review_prompts WHERE token = 'tok-1'`)).toBe(chat.id);
    // Nothing is left pointing at the deleted record.
    expect(Object.values(await rowsOf(store, app.id)).every((n) => n === 0)).toBe(true);
  });

  it("moves rows of tables added later (found through their foreign key to learners)", async () => {
    const { store, clock, app, chat } = await twoDoors();
    await store.exec(`CREATE TABLE later_feature (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE, note TEXT)`);
    await store.run(`INSERT INTO later_feature (id, owner, note) VALUES (1, ?, 'from the app')`, [app.id]);
    await mergeLearners(store, clock, chat.id, app.id);
    expect(await store.all(`SELECT owner, note FROM later_feature`)).toEqual([{ owner: chat.id, note: "from the app" }]);
  });

  it("never loses a certificate: the only one moves; of two, the earlier issued stays", async () => {
    const one = await twoDoors();
    const won = await one.learning.certificates.issue(one.app.id, "Nguyễn Thị Lan", 18, 20, [1, 2]);
    await mergeLearners(one.store, one.clock, one.chat.id, one.app.id);
    expect((await one.learning.certificates.forLearner(one.chat.id))?.code).toBe(won.code);
    expect(await one.learning.certificates.byCode(won.code)).toBeDefined();

    const two = await twoDoors();
    const first = await two.learning.certificates.issue(two.app.id, "Lan", 17, 20, [1]);
    two.clock.advance(DAY);
    await two.learning.certificates.issue(two.chat.id, "Lan", 20, 20, [1]);
    await mergeLearners(two.store, two.clock, two.chat.id, two.app.id);
    expect((await two.learning.certificates.forLearner(two.chat.id))?.code).toBe(first.code);
    expect(await two.store.value(`SELECT COUNT(*) FROM certificates`)).toBe(1);
  });

  it("fills missing profile fields; consent is the most recent explicit choice; place, reminder time and kept name only with consent", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    await learning.learners.update(app.id, { consent: "granted", province_code: "01", commune_code: "00004", certificate_name: "Nguyễn Thị Lan" });
    clock.advance(60_000);
    await learning.learners.update(chat.id, { consent: "declined", reminder_time: "19:30" });
    await mergeLearners(store, clock, chat.id, app.id);
    const l = (await learning.learners.byId(chat.id))!;
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

  it("a later grant wins over an earlier decline and keeps the place; no choice on either side stays no choice", async () => {
    const a = await twoDoors();
    await a.learning.learners.update(a.chat.id, { consent: "declined" });
    a.clock.advance(60_000);
    await a.learning.learners.update(a.app.id, { consent: "granted", province_code: "01" });
    await mergeLearners(a.store, a.clock, a.chat.id, a.app.id);
    expect(await a.learning.learners.byId(a.chat.id)).toMatchObject({ consent: "granted", province_code: "01" });

    const b = await twoDoors();
    await mergeLearners(b.store, b.clock, b.chat.id, b.app.id);
    expect(await b.learning.learners.byId(b.chat.id)).toMatchObject({ consent: null, province_code: null });
  });

  it("joining twice is a no-op; merging a record already gone is a no-op", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    await learning.completeLesson(app.id, 1);
    expect(await joinIdentities(store, clock, "7000000000000000001", "5000000000000000001")).toBe("merge");
    const snapshot = async () => ({
      learners: await store.all(`SELECT * FROM learners ORDER BY id`),
      progress: await store.all(`SELECT * FROM lesson_progress ORDER BY learner_id, lesson_id`),
    });
    const before = await snapshot();
    clock.advance(DAY);
    expect(await joinIdentities(store, clock, "7000000000000000001", "5000000000000000001")).toBe("already");
    expect(await mergeLearners(store, clock, chat.id, app.id)).toEqual({ merged: false });
    expect(await snapshot()).toEqual(before);
  });

  it("never joins ids already paired with someone else; the chat event still goes through", async () => {
    const f = await learningFixture();
    const lan = await f.learning.learners.touch("7000000000000000011", f.clock.now(), "5000000000000000011");
    const hoa = await f.learning.learners.touch("7000000000000000022", f.clock.now(), "5000000000000000022");
    // A contradicting pair (X of Lan with app id of Hoa): nothing is handed over, nothing throws.
    expect(await joinIdentities(f.store, f.clock, "7000000000000000011", "5000000000000000022")).toBe("conflict");
    const again = await f.learning.learners.touch("7000000000000000011", f.clock.now(), "5000000000000000022");
    expect(again.id).toBe(lan.id);
    expect((await f.learning.learners.byId(lan.id))!.zalo_app_user_id).toBe("5000000000000000011");
    expect((await f.learning.learners.byId(hoa.id))!.zalo_user_id).toBe("7000000000000000022");
  });

  it("Graph's word re-pairs a chat record held by another app id with the Mini App's id (merging its app record), once", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    await store.run(`UPDATE learners SET zalo_app_user_id = '5000000000000000999' WHERE id = ?`, [chat.id]);
    await learning.completeLesson(app.id, 2);
    expect(await joinFromGraph(store, clock, "7000000000000000001", "5000000000000000001")).toBe("repaired");
    expect(await learning.learners.byId(app.id)).toBeUndefined();
    const one = (await learning.learners.byId(chat.id))!;
    expect([one.zalo_user_id, one.zalo_app_user_id]).toEqual(["7000000000000000001", "5000000000000000001"]);
    expect((await learning.progress.lessons(chat.id))[1]!.status).toBe("done");
    expect(await joinFromGraph(store, clock, "7000000000000000001", "5000000000000000001")).toBe("already");
    // The webhook's old app id changes nothing now: a conflict, left alone.
    expect(await joinIdentities(store, clock, "7000000000000000001", "5000000000000000999")).toBe("conflict");
    // An app id paired with another OA id is never moved, not even by Graph.
    const other = await learning.learners.touch("7000000000000000002", clock.now(), "5000000000000000002");
    expect(await joinFromGraph(store, clock, "7000000000000000001", "5000000000000000002")).toBe("conflict");
    expect((await learning.learners.byId(other.id))!.zalo_user_id).toBe("7000000000000000002");
    expect((await learning.learners.byId(chat.id))!.zalo_app_user_id).toBe("5000000000000000001");
  });

  it("erasing after a merge removes everything of the person, counts stay", async () => {
    const { learning, store, clock, app, chat } = await twoDoors();
    await learning.learners.update(app.id, { consent: "granted", province_code: "01", commune_code: "00004" });
    await learning.completeLesson(app.id, 1);
    await learning.certificates.issue(app.id, "Lan", 18, 20, [1]);
    await learning.completeLesson(chat.id, 2);
    const questions = learning.content.questionsByLesson.get(3)!.slice(0, 5);
    const attempt = await learning.attempts.start(chat.id, "lesson", 3, questions, "chat");
    await learning.attempts.answer(attempt.id, 1, 0);
    await mergeLearners(store, clock, chat.id, app.id);
    const counts = await store.all(`SELECT * FROM daily_counts ORDER BY metric`);
    await learning.erase(chat.id);
    expect(await store.value(`SELECT COUNT(*) FROM learners`)).toBe(0);
    for (const { tbl } of await learnerReferences(store)) expect(await store.value(`SELECT COUNT(*) FROM "${tbl}"`), tbl).toBe(0);
    expect(await store.value(`SELECT COUNT(*) FROM quiz_items`)).toBe(0);
    expect(await store.all(`SELECT * FROM daily_counts ORDER BY metric`)).toEqual(counts);
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
    const last = (await t.store.value<number>(`SELECT COALESCE(MAX(id), 0) FROM inbox`))!;
    expect((await postEvent(t.server.url, event)).status).toBe(200);
    const row = () =>
      t.store.get<{ status: string; last_error: string | null }>(`SELECT status, last_error FROM inbox WHERE id > ? ORDER BY id LIMIT 1`, [last]);
    await t.fake.waitFor(
      async () => {
        const r = await row();
        return r !== undefined && (r.status !== "pending" || r.last_error !== null);
      },
      5000,
      "the event",
    );
    return (await row())!;
  }

  /** A chat learner the webhook created without an app id (Zalo left user_id_by_app out). */
  async function chatOnly(oa: string) {
    const event = followEvent(oa);
    delete event.user_id_by_app;
    await deliver(event);
    return (await chat.learners.byZaloUserId(oa))!;
  }

  /** One person, two records: an app record with lesson `appLesson` done, a chat-only one with `chatLesson` done. */
  async function twoRecords(n: number, appLesson: number, chatLesson: number) {
    const g = graphId(n);
    const oa = userId(n);
    const early = await t.signIn(g);
    await t.call("POST", `/api/lessons/${appLesson}/complete`, { token: early.token });
    const learner = await chatOnly(oa);
    await chat.completeLesson(learner.id, chatLesson);
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
    await chat.completeLesson(oaLearner.id, 4);
    const appLearner = (await t.learning.learners.byAppUserId(g))!;
    expect(appLearner.id).not.toBe(oaLearner.id);

    // The next event carries user_id_by_app: before, this broke the UNIQUE app id and failed the event.
    const handled = await deliver({ ...textEvent(oa, "tiến độ"), user_id_by_app: g });
    expect(handled).toEqual({ status: "done", last_error: null });

    expect(await t.learning.learners.byId(appLearner.id)).toBeUndefined();
    expect(await t.store.value(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ? OR zalo_app_user_id = ?`, [oa, g])).toBe(1);
    const me = await t.call("GET", "/api/progress", { token });
    expect(me.status).toBe(200);
    expect(me.body.lessons.slice(0, 4).map((l: { status: string }) => l.status)).toEqual(["done", "done", "not_started", "done"]);
    expect(me.body.lessons[1].quizPassed).toBe(true);
    const cert = await t.call("GET", "/api/certificate", { token });
    expect(cert.body.certificate.code).toBe(code);
    expect((await chat.certificates.forLearner(oaLearner.id))?.code).toBe(code);
    expect(await t.store.value(`SELECT COUNT(*) FROM quiz_attempts WHERE learner_id = ?`, [oaLearner.id])).toBe(2);
    // And the chat itself answered the event (the reply is queued for this OA user).
    expect(await t.store.value(`SELECT COUNT(*) FROM outbox WHERE user_id = ?`, [oa])).toBeGreaterThan(0);
  });

  it("chat first, then the app: a sign-in whose Graph id is the webhook's user_id_by_app is that learner, no OA call needed", async () => {
    const g = graphId(302);
    const oa = "7000000000000000302";
    await deliver({ ...followEvent(oa), user_id_by_app: g });
    const learner = (await chat.learners.byZaloUserId(oa))!;
    await chat.completeLesson(learner.id, 6);
    const asked = t.fake.userDetailRequests.length;
    const { token } = await t.signIn(g, { idByOA: oa });
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[5].status).toBe("done");
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(learner.id);
  });

  it("a forged idByOA (someone else's OA id) is not linked: a new learner, the other person's progress stays out of sight", async () => {
    const victimOa = "7000000000000000303";
    const victim = await chatOnly(victimOa);
    await chat.completeLesson(victim.id, 1);
    await chat.learners.update(victim.id, { certificate_name: "Trần Văn Bảy" });
    // Zalo knows the victim under another app id than the intruder's.
    t.fake.oaUsers.set(victimOa, { userIdByApp: graphId(3030), name: "Trần Văn Bảy" });
    const intruder = await t.signIn(graphId(304), { idByOA: victimOa });
    expect(t.fake.userDetailRequests.at(-1)).toEqual({ accessToken: t.fake.accessToken, userId: victimOa });
    const progress = await t.call("GET", "/api/progress", { token: intruder.token });
    expect(progress.body.lessons[0].status).toBe("not_started");
    expect(intruder.body.learner.certificateName).toBeNull();
    const mine = (await t.learning.learners.byAppUserId(graphId(304)))!;
    expect(mine.id).not.toBe(victim.id);
    expect(mine.zalo_user_id).toBeNull();
    expect((await t.learning.learners.byZaloUserId(victimOa))!.zalo_app_user_id).toBeNull();
  });

  it("an idByOA no one has used yet is not claimed without Zalo's word (it would catch that person's chat later)", async () => {
    const unknownOa = "7000000000000000305";
    // First sign-in creates the app learner; the second finds it: neither may take the OA id unconfirmed.
    for (let i = 0; i < 2; i++) {
      const { body } = await t.signIn(graphId(305), { idByOA: unknownOa });
      expect(body.learner).toBeTruthy();
      expect(await t.learning.learners.byZaloUserId(unknownOa)).toBeUndefined();
    }
    // The real owner of that OA id writes: they get their own record, not the app user's.
    await deliver({ ...textEvent(unknownOa, "xin chào"), user_id_by_app: graphId(3050) });
    expect((await chat.learners.byZaloUserId(unknownOa))!.id).not.toBe((await t.learning.learners.byAppUserId(graphId(305)))!.id);
  });

  it("a verified idByOA links at sign-in, merging an earlier app record into the chat record; the old session still works", async () => {
    const { g, oa, early, learner: chatLearner } = await twoRecords(306, 2, 8);
    t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Lê Thị Hoa" });
    const { token } = await t.signIn(g, { idByOA: oa });
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(chatLearner.id);
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
      expect((await t.learning.learners.byAppUserId(g))!.id, c.behaviour).not.toBe(learner.id);
      expect((await t.learning.learners.byZaloUserId(oa))!.zalo_app_user_id, c.behaviour).toBeNull();
      // The person's next chat message joins them (Zalo signs it).
      await deliver({ ...textEvent(oa, "bài 1"), user_id_by_app: g });
      expect((await t.learning.learners.byAppUserId(g))!.id, c.behaviour).toBe(learner.id);
    }
  });

  it("never refreshes the OA token from a sign-in: a rejected or expired token means no link, and no refresh", async () => {
    const oa = "7000000000000000320";
    const g = graphId(320);
    await chatOnly(oa);
    t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Hoa" });
    // The chat's replies go out first: only the sign-in may meet the rejected token below.
    await t.fake.waitFor(async () => (await t.store.value(`SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')`)) === 0, 5000, "replies sent");
    const refreshes = t.fake.refreshRequests.length;
    const stored = (await t.store.get<{ access_token: string; expires_at: string | null }>(`SELECT access_token, expires_at FROM oa_tokens WHERE id = 1`))!;
    // Zalo now rejects the stored token (-216).
    const live = t.fake.accessToken;
    t.fake.accessToken = "rotated-elsewhere";
    await t.signIn(g, { idByOA: oa });
    t.fake.accessToken = live;
    expect(t.fake.userDetailRequests.at(-1)?.accessToken).toBe(stored.access_token);
    expect((await t.learning.learners.byZaloUserId(oa))!.zalo_app_user_id).toBeNull();
    // A stored token past its end is not even sent.
    await t.store.run(`UPDATE oa_tokens SET expires_at = ? WHERE id = 1`, [new Date(t.clock.now().getTime() - 1000).toISOString()]);
    const asked = t.fake.userDetailRequests.length;
    await t.signIn(graphId(321), { idByOA: oa });
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    await t.store.run(`UPDATE oa_tokens SET expires_at = ? WHERE id = 1`, [stored.expires_at]);
    expect(t.fake.refreshRequests).toHaveLength(refreshes);
    expect((await t.learning.learners.byZaloUserId(oa))!.zalo_app_user_id).toBeNull();
  });

  it("a malformed idByOA (emoji, Vietnamese text, too long) is dropped before any check", async () => {
    const asked = t.fake.userDetailRequests.length;
    for (const idByOA of ["😀", "bà Lan", "7".repeat(40), "", "-1", "12 34"]) {
      const res = await t.signIn(graphId(330), { idByOA });
      expect(res.body.sessionToken).toBeTruthy();
    }
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect((await t.learning.learners.byAppUserId(graphId(330)))!.zalo_user_id).toBeNull();
  });

  it("erasing through DELETE /api/me after a merge removes the person's records and chat messages", async () => {
    const g = graphId(340);
    const oa = "7000000000000000340";
    const { token } = await t.signIn(g);
    await t.call("POST", "/api/lessons/1/complete", { token });
    await chatOnly(oa);
    await deliver({ ...textEvent(oa, "số điện thoại của tôi"), user_id_by_app: g });
    const id = (await t.learning.learners.byAppUserId(g))!.id;
    expect((await t.call("DELETE", "/api/me", { token })).status).toBe(200);
    expect(await t.learning.learners.byAppUserId(g)).toBeUndefined();
    expect(await t.learning.learners.byZaloUserId(oa)).toBeUndefined();
    expect(Object.values(await rowsOf(t.store, id)).every((n) => n === 0)).toBe(true);
    expect(await t.store.value(`SELECT COUNT(*) FROM inbox WHERE user_id = ? AND status != 'pending'`, [oa])).toBe(0);
    expect((await t.call("GET", "/api/progress", { token })).status).toBe(401);
  });
  it("Zalo's user_id_by_oa links the sign-in to the chat learner: progress from the chat shows in the app, no OA call", async () => {
    const g = graphId(350);
    const oa = "7000000000000000350";
    const learner = await chatOnly(oa);
    await chat.completeLesson(learner.id, 3);
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const asked = t.fake.userDetailRequests.length;
    const { token } = await t.signIn(g);
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[2].status).toBe("done");
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(learner.id);
    // The chat and the app are one learner: what the app does, the chat sees.
    await t.call("POST", "/api/lessons/4/complete", { token });
    expect((await chat.progress.lessons(learner.id))[3]!.status).toBe("done");
  });

  it("user_id_by_oa merges an earlier app record into the chat record as the webhook does; signing in again changes nothing", async () => {
    const { g, oa, early, learner } = await twoRecords(351, 2, 9);
    const appRecord = (await t.learning.learners.byAppUserId(g))!;
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const { token } = await t.signIn(g);
    expect(await t.learning.learners.byId(appRecord.id)).toBeUndefined();
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(learner.id);
    for (const session of [token, early.token]) {
      const lessons = (await t.call("GET", "/api/progress", { token: session })).body.lessons;
      expect([lessons[1].status, lessons[8].status]).toEqual(["done", "done"]);
    }
    const snapshot = async () => [
      await t.store.get(`SELECT * FROM learners WHERE id = ?`, [learner.id]),
      await t.store.all(`SELECT * FROM lesson_progress WHERE learner_id = ? ORDER BY lesson_id`, [learner.id]),
      await t.store.value(`SELECT COUNT(*) FROM learners`),
    ];
    const before = await snapshot();
    await t.signIn(g);
    expect(await snapshot()).toEqual(before);
  });

  it("a forged idByOA that differs from Zalo's user_id_by_oa is ignored: Zalo's record is linked, the claimed one untouched", async () => {
    const g = graphId(352);
    const mine = "7000000000000000352";
    const victimOa = "7000000000000000353";
    const own = await chatOnly(mine);
    const victim = await chatOnly(victimOa);
    await chat.completeLesson(victim.id, 1);
    // Even if the OA's user/detail were to confirm the claim, Zalo's Graph answer decides.
    t.fake.oaUsers.set(victimOa, { userIdByApp: g, name: "Trần Văn Bảy" });
    t.fake.graphPeople.set(g, { userIdByOA: mine });
    const asked = t.fake.userDetailRequests.length;
    const { token } = await t.signIn(g, { idByOA: victimOa });
    expect(t.fake.userDetailRequests).toHaveLength(asked);
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(own.id);
    expect((await t.learning.learners.byZaloUserId(victimOa))!.zalo_app_user_id).toBeNull();
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
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(learner.id);
  });

  it("two sign-ins and a chat message at the same moment: one learner, every session sees the merged progress", async () => {
    const { g, oa, early, learner } = await twoRecords(355, 5, 6);
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const inboxBefore = (await t.store.value<number>(`SELECT COALESCE(MAX(id), 0) FROM inbox`))!;
    // The message carries no user_id_by_app: only Graph's answer can join the two records.
    const message = textEvent(oa, "tiến độ");
    delete message.user_id_by_app;
    const [a, b, posted] = await Promise.all([t.signIn(g), t.signIn(g), postEvent(t.server.url, message)]);
    expect(posted.status).toBe(200);
    const event = () => t.store.get<{ status: string }>(`SELECT status, last_error FROM inbox WHERE id > ? ORDER BY id LIMIT 1`, [inboxBefore]);
    await t.fake.waitFor(async () => (await event())?.status === "done", 5000, "the chat message handled");
    expect(await event()).toEqual({ status: "done", last_error: null });
    expect(await t.store.value(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ? OR zalo_app_user_id = ?`, [oa, g])).toBe(1);
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(learner.id);
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
    const learner = (await chat.learners.byZaloUserId(oa))!;
    expect(learner.zalo_app_user_id).toBe(webhookAppId);
    await chat.completeLesson(learner.id, 10);
    const early = await t.signIn(g);
    await t.call("POST", "/api/lessons/11/complete", { token: early.token });
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const { token } = await t.signIn(g);
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(learner.id);
    const lessons = (await t.call("GET", "/api/progress", { token })).body.lessons;
    expect([lessons[9].status, lessons[10].status]).toEqual(["done", "done"]);
    // Zalo stops naming the OA id (say the person unfollowed): the app still finds them by its own id.
    t.fake.graphPeople.delete(g);
    expect((await t.call("GET", "/api/progress", { token: (await t.signIn(g)).token })).body.lessons[9].status).toBe("done");
    // The chat goes on under the webhook's id, on the same record.
    expect(await deliver({ ...textEvent(oa, "tiến độ"), user_id_by_app: webhookAppId })).toEqual({ status: "done", last_error: null });
    expect((await chat.learners.byZaloUserId(oa))!.id).toBe(learner.id);
    expect(await t.store.value(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ? OR zalo_app_user_id IN (?, ?)`, [oa, g, webhookAppId])).toBe(1);
  });

  it("an app learner already paired with another OA id is not moved by Graph's answer; neither chat record changes hands", async () => {
    const g = graphId(357);
    const first = "7000000000000000357";
    const other = "7000000000000000358";
    await deliver({ ...followEvent(first), user_id_by_app: g });
    const paired = (await chat.learners.byZaloUserId(first))!;
    const otherRecord = await chatOnly(other);
    await chat.completeLesson(otherRecord.id, 12);
    t.fake.graphPeople.set(g, { userIdByOA: other });
    const { token } = await t.signIn(g);
    expect((await t.learning.learners.byAppUserId(g))!.id).toBe(paired.id);
    expect((await t.learning.learners.byZaloUserId(other))!.zalo_app_user_id).toBeNull();
    expect((await t.call("GET", "/api/progress", { token })).body.lessons[11].status).toBe("not_started");
  });
});
