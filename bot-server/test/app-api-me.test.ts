import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appApiServer, graphId, VIETNAMESE, newAttemptId, type AppApi } from "../../test/support/app-api.js";
import { lessonAnswers } from "../../test/support/learning.js";
import { followEvent, postEvent, textEvent } from "../../test/support/server.js";

let t: AppApi;
beforeAll(async () => {
  t = await appApiServer();
});
afterAll(async () => {
  await t.stop();
});

describe("PATCH /api/me", () => {
  it("saves the person's choices and returns them", async () => {
    const { token } = await t.signIn(graphId(1));
    const res = await t.call("PATCH", "/api/me", {
      token,
      body: { consent: "granted", provinceCode: "01", communeCode: "00004", reminderTime: "19:30", certificateName: "Nguyễn   Thị Lan" },
    });
    expect(res.status).toBe(200);
    expect(res.body.learner).toMatchObject({
      consent: "granted",
      provinceCode: "01",
      communeCode: "00004",
      reminderTime: "19:30",
      certificateName: "Nguyễn Thị Lan",
    });
    expect((await t.call("GET", "/api/me", { token })).body.learner.reminderTime).toBe("19:30");
    // null turns reminders off.
    const off = await t.call("PATCH", "/api/me", { token, body: { reminderTime: null } });
    expect(off.body.learner.reminderTime).toBeNull();
  });

  it("refuses bad values with 400, names the field, says what to do in Vietnamese, and changes nothing", async () => {
    const { token } = await t.signIn(graphId(2));
    await t.call("PATCH", "/api/me", { token, body: { consent: "granted", reminderTime: "07:00" } });
    const bad: [Record<string, unknown>, string][] = [
      [{ reminderTime: "22:30" }, "reminderTime"], // quiet hours: never 21:00–07:00
      [{ reminderTime: "06:59" }, "reminderTime"],
      [{ consent: "declined", reminderTime: "19:00" }, "reminderTime"], // a reminder time needs consent
      [{ reminderTime: "25:00" }, "reminderTime"],
      [{ reminderTime: "7:00" }, "reminderTime"],
      [{ reminderTime: "19:60" }, "reminderTime"],
      [{ reminderTime: "" }, "reminderTime"],
      [{ reminderTime: 1930 }, "reminderTime"],
      [{ consent: "yes" }, "consent"],
      [{ consent: true }, "consent"],
      [{ provinceCode: "1" }, "provinceCode"],
      [{ communeCode: "abcde" }, "communeCode"],
      [{ certificateName: "" }, "certificateName"],
      [{ certificateName: "   " }, "certificateName"],
      [{ certificateName: "Lan 👵" }, "certificateName"],
      [{ certificateName: "<b>Lan</b>" }, "certificateName"],
      [{ certificateName: "L".repeat(61) }, "certificateName"],
      [{ certificateName: "1234" }, "certificateName"],
      [{ certificateName: "https://abc.vn" }, "certificateName"],
      [{ followsOA: true }, "followsOA"],
      [{ displayName: "Someone" }, "displayName"],
    ];
    for (const [body, field] of bad) {
      const res = await t.call("PATCH", "/api/me", { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    expect((await t.call("GET", "/api/me", { token })).body.learner.reminderTime).toBe("07:00");
  });

  it("refuses a well-formed commune code that is not on the imported list (more in app-api-places.test.ts)", async () => {
    const { token } = await t.signIn(graphId(3));
    const res = await t.call("PATCH", "/api/me", { token, body: { consent: "granted", communeCode: "99999" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_input", field: "communeCode" });
  });

  it("keeps where someone lives only with consent; withdrawing consent removes it", async () => {
    const { token } = await t.signIn(graphId(4));
    const without = await t.call("PATCH", "/api/me", { token, body: { communeCode: "00004" } });
    expect(without.status).toBe(400);
    expect(without.body).toMatchObject({ error: "consent_required", field: "communeCode" });
    await t.call("PATCH", "/api/me", { token, body: { consent: "granted", provinceCode: "01", communeCode: "00004" } });
    const other = await t.call("PATCH", "/api/me", { token, body: { reminderTime: "08:15" } });
    expect(other.body.learner).toMatchObject({ provinceCode: "01", communeCode: "00004", reminderTime: "08:15" });
    const withdrawn = await t.call("PATCH", "/api/me", { token, body: { consent: "declined" } });
    expect(withdrawn.body.learner).toMatchObject({ consent: "declined", provinceCode: null, communeCode: null, reminderTime: null });
    const noConsentReminder = await t.call("PATCH", "/api/me", { token, body: { reminderTime: "08:15" } });
    expect(noConsentReminder.body).toMatchObject({ error: "consent_required", field: "reminderTime" });
    const sneaky = await t.call("PATCH", "/api/me", { token, body: { provinceCode: "79" } });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body).toMatchObject({ error: "consent_required", field: "provinceCode" });
    const cleared = await t.call("PATCH", "/api/me", { token, body: { consent: null } });
    expect(cleared.body.learner).toMatchObject({ consent: null, provinceCode: null });
  });

  it("declining consent in the app and in the chat ends in the same stored state: place, reminder time and kept name cleared", async () => {
    const kept = { province_code: "01", commune_code: "00004", reminder_time: "19:30", certificate_name: "Nguyễn Thị Lan" };
    const stored = (id: number) =>
      t.store.get("SELECT consent, province_code, commune_code, reminder_time, certificate_name FROM learners WHERE id = ?", [id]);
    // The app door: the Mini App's "Không đồng ý".
    const { token } = await t.signIn(graphId(40));
    const appId = (await t.learning.learners.byAppUserId(graphId(40)))!.id;
    await t.learning.learners.update(appId, kept);
    expect((await t.call("PATCH", "/api/me", { token, body: { consent: "declined" } })).status).toBe(200);
    // The chat door: someone new (a record merged from the app could carry these) taps "Không đồng ý".
    const oa = "7000000000000000040";
    expect((await postEvent(t.server.url, followEvent(oa))).status).toBe(200);
    const chatId = (await t.chatLearner(oa)).id;
    await t.learning.learners.update(chatId, kept);
    expect((await postEvent(t.server.url, textEvent(oa, "#consent:no"))).status).toBe(200);
    await t.fake.waitFor(async () => (await t.chat.learners.byId(chatId))?.consent === "declined", 5000, "the chat's decline");
    const cleared = { consent: "declined", province_code: null, commune_code: null, reminder_time: null, certificate_name: null };
    expect(await stored(appId)).toEqual(cleared);
    expect(await stored(chatId)).toEqual(cleared);
  });

  it("a name kept for the certificate follows its printing rule, needs consent, and never changes an issued certificate", async () => {
    const { token } = await t.signIn(graphId(5));
    const decomposed = "lê thị hồng".normalize("NFD");
    const refused = await t.call("PATCH", "/api/me", { token, body: { certificateName: decomposed } });
    expect(refused.body).toMatchObject({ error: "consent_required", field: "certificateName" });
    const res = await t.call("PATCH", "/api/me", { token, body: { consent: "granted", certificateName: decomposed } });
    expect(res.body.learner.certificateName).toBe("Lê Thị Hồng".normalize("NFC"));
    const id = (await t.learning.learners.byAppUserId(graphId(5)))!.id;
    await t.learning.certificates.issue(id, "Lê Thị Hồng", 18, 20, [1]);
    const renamed = await t.call("PATCH", "/api/me", { token, body: { certificateName: "Bà Lê Thị Hồng" } });
    expect(renamed.body.learner.certificateName).toBe("Bà Lê Thị Hồng");
    expect((await t.learning.certificates.forLearner(id))?.name).toBe("Lê Thị Hồng"); // what was printed stays
    const withdrawn = await t.call("PATCH", "/api/me", { token, body: { consent: "declined" } });
    expect(withdrawn.body.learner.certificateName).toBeNull();
    expect((await t.learning.certificates.forLearner(id))?.name).toBe("Lê Thị Hồng");
  });
});

describe("nobody reaches another person's data", () => {
  it("two people: each sees and changes only their own records; ids in input are ignored or refused", async () => {
    const a = await t.signIn(graphId(10), {}, "Người A");
    const b = await t.signIn(graphId(11), {}, "Người B");
    const aId = (await t.learning.learners.byAppUserId(graphId(10)))!.id;
    await t.call("POST", "/api/lessons/3/complete", { token: a.token });
    await t.call("PATCH", "/api/me", { token: a.token, body: { consent: "granted", reminderTime: "18:00" } });

    const bProgress = await t.call("GET", "/api/progress", { token: b.token });
    expect(bProgress.body.lessons[2].status).toBe("not_started");
    expect((await t.call("GET", "/api/me", { token: b.token })).body.learner).toMatchObject({ displayName: "Người B", reminderTime: null });
    // Query strings and extra fields naming A change nothing.
    expect((await t.call("GET", `/api/progress?learnerId=${aId}`, { token: b.token })).body.lessons[2].status).toBe("not_started");
    expect((await t.call("PATCH", "/api/me", { token: b.token, body: { learnerId: aId, reminderTime: "05:00" } })).status).toBe(400);

    // B cannot reuse A's quiz attempt id to read or overwrite A's result.
    const attemptId = newAttemptId();
    const answers = lessonAnswers(3);
    expect((await t.call("POST", "/api/quiz-attempts", { token: a.token, body: { attemptId, lessonId: 3, answers } })).status).toBe(200);
    const stolen = await t.call("POST", "/api/quiz-attempts", { token: b.token, body: { attemptId, lessonId: 3, answers } });
    expect(stolen.status).toBe(409);
    expect(stolen.body.score).toBeUndefined();
    expect((await t.call("GET", "/api/progress", { token: b.token })).body.lessons[2].quizPassed).toBe(false);

    // B cannot submit to A's final test attempt.
    const finalId = newAttemptId();
    const started = await t.call("POST", "/api/final-test", { token: a.token, body: { attemptId: finalId } });
    expect(started.status).toBe(200);
    const all = started.body.questions.map((x: { id: string }) => ({ questionId: x.id, chosen: 0 }));
    expect((await t.call("POST", `/api/final-test/${finalId}/submit`, { token: b.token, body: { answers: all } })).status).toBe(404);
    expect((await t.call("POST", "/api/final-test", { token: b.token, body: { attemptId: finalId } })).status).toBe(409);
    expect((await t.learning.attempts.get(finalId))?.finishedAt).toBeNull();

    // A's data is still A's.
    expect((await t.call("GET", "/api/me", { token: a.token })).body.learner.reminderTime).toBe("18:00");
    expect((await t.call("GET", "/api/progress", { token: a.token })).body.lessons[2]).toMatchObject({ status: "done", quizPassed: true });
  });
});

describe("DELETE /api/me", () => {
  it("erases the person's data and progress and ends the session; others are untouched", async () => {
    const keep = await t.signIn(graphId(20));
    const gone = await t.signIn(graphId(21), { src: "qr-1" });
    await t.call("POST", "/api/lessons/1/complete", { token: gone.token });
    await t.call("POST", "/api/lessons/1/complete", { token: keep.token });
    const id = (await t.learning.learners.byAppUserId(graphId(21)))!.id;

    const res = await t.call("DELETE", "/api/me", { token: gone.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true });
    expect((await t.call("GET", "/api/me", { token: gone.token })).status).toBe(401);
    expect(await t.learning.learners.byId(id)).toBeUndefined();
    for (const table of ["lesson_progress", "sessions", "quiz_attempts"]) {
      expect(await t.store.value(`SELECT COUNT(*) FROM ${table} WHERE learner_id = ?`, [id]), table).toBe(0);
    }
    expect((await t.call("DELETE", "/api/me", { token: gone.token })).status).toBe(401);
    expect((await t.call("GET", "/api/progress", { token: keep.token })).body.lessons[0].status).toBe("done");
    // Signing in again starts from nothing.
    const back = await t.signIn(graphId(21));
    expect((await t.call("GET", "/api/progress", { token: back.token })).body.lessons[0].status).toBe("not_started");
  });
});
