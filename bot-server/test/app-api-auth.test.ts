import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { appApiServer, graphId, VIETNAMESE, type AppApi } from "../../test/support/app-api.js";
import { SESSION_TTL_MS } from "../src/app-api/sessions.js";
import { SIGN_INS_PER_MINUTE } from "../src/app-api/auth.js";


describe("POST /api/auth/zalo against Zalo's Graph /v2.0/me", () => {
  let t: AppApi;
  beforeAll(async () => {
    t = await appApiServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("a valid token gets a session; Zalo was asked with the token and a correct appsecret_proof", async () => {
    const id = graphId(1);
    const accessToken = t.zaloUser(id, "Trần Văn Bảy");
    const res = await t.call("POST", "/api/auth/zalo", { body: { accessToken } });
    expect(res.status).toBe(200);
    expect(res.body.sessionToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(t.clock.now().getTime());
    expect(res.body.learner).toMatchObject({ displayName: "Trần Văn Bảy", consent: null, followsOA: false });
    const asked = t.fake.graphRequests.at(-1)!;
    expect(asked.accessToken).toBe(accessToken);
    expect(asked.proof).toBe(createHmac("sha256", t.fake.appSecret).update(accessToken).digest("hex"));
    // The query zmp-sdk's getUserInfo() makes; this server has no MINI_APP_ID, so none is sent.
    expect(new URLSearchParams(asked.query).get("fields")).toBe("id,name,user_id_by_oa,is_sensitive,picture");
    expect(new URLSearchParams(asked.query).has("miniapp_id")).toBe(false);
    // The 19-digit id came as a bare JSON number and is stored exactly, as text.
    expect((await t.learning.learners.byAppUserId(id))?.display_name).toBe("Trần Văn Bảy");
    // Only the token's hash is stored.
    const stored = await t.store.column<string>(`SELECT token_hash FROM sessions`);
    expect(stored).not.toContain(res.body.sessionToken);
    const me = await t.call("GET", "/api/me", { token: res.body.sessionToken });
    expect(me.status).toBe(200);
    expect(me.body.learner.displayName).toBe("Trần Văn Bảy");
  });

  it("signing in again is the same person, not a second learner", async () => {
    const id = graphId(2);
    const a = await t.signIn(id);
    const b = await t.signIn(id);
    expect(a.token).not.toBe(b.token);
    expect(await t.store.value(`SELECT COUNT(*) FROM learners WHERE zalo_app_user_id = ?`, [id])).toBe(1);
    expect((await t.call("GET", "/api/me", { token: a.token })).status).toBe(200);
  });

  it("a forged token (Zalo answers HTTP 200 with an error in the body) is refused with 401 and no session", async () => {
    const before = await t.store.value(`SELECT COUNT(*) FROM sessions`);
    const res = await t.call("POST", "/api/auth/zalo", { body: { accessToken: "forged-token-123" } });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_zalo_token");
    expect(res.body.message).toMatch(VIETNAMESE);
    expect(await t.store.value(`SELECT COUNT(*) FROM sessions`)).toBe(before);
  });

  it("a missing, empty or non-string token is a 400 that names the field", async () => {
    for (const body of [{}, { accessToken: "" }, { accessToken: "   " }, { accessToken: 42 }, { accessToken: "x".repeat(5000) }]) {
      const res = await t.call("POST", "/api/auth/zalo", { body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_input", field: "accessToken" });
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    const broken = await t.call("POST", "/api/auth/zalo", { raw: "{not json" });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(VIETNAMESE);
    const huge = await t.call("POST", "/api/auth/zalo", { raw: JSON.stringify({ accessToken: "x".repeat(70_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(VIETNAMESE);
  });

  it("unknown fields are refused (a client cannot slip in a learner id)", async () => {
    const res = await t.call("POST", "/api/auth/zalo", { body: { accessToken: t.zaloUser(graphId(3)), learnerId: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe("learnerId");
  });

  it("Graph down (HTTP 502) or hanging past the timeout is a 503 with a Vietnamese message", async () => {
    const accessToken = t.zaloUser(graphId(4));
    t.fake.graphBehaviour = "down";
    const down = await t.call("POST", "/api/auth/zalo", { body: { accessToken } });
    t.fake.graphBehaviour = "hang";
    const hung = await t.call("POST", "/api/auth/zalo", { body: { accessToken } });
    t.fake.graphBehaviour = "answer";
    for (const res of [down, hung]) {
      expect(res.status).toBe(503);
      expect(res.body.error).toBe("zalo_unavailable");
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    expect(await t.learning.learners.byAppUserId(graphId(4))).toBeUndefined();
    // Zalo back: the same token works.
    expect((await t.call("POST", "/api/auth/zalo", { body: { accessToken } })).status).toBe(200);
  });

  it("missing, unknown and malformed session tokens get 401 unauthenticated", async () => {
    const cases = [undefined, "Bearer", "Bearer " + "a".repeat(43), "Basic abc", "Bearer <script>"];
    for (const auth of cases) {
      const res = await t.call("GET", "/api/progress", { headers: auth ? { Authorization: auth } : {} });
      expect(res.status, String(auth)).toBe(401);
      expect(res.body.error).toBe("unauthenticated");
      expect(res.body.message).toMatch(VIETNAMESE);
    }
  });

  it("a session ends 30 days after sign-in (fake clock) and does not slide with use", async () => {
    const { token } = await t.signIn(graphId(5));
    t.clock.advance(SESSION_TTL_MS - 60_000);
    expect((await t.call("GET", "/api/me", { token })).status).toBe(200);
    t.clock.advance(60_000);
    const expired = await t.call("GET", "/api/me", { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe("unauthenticated");
    // Signing in again starts a new session for the same person.
    const again = await t.signIn(graphId(5));
    expect((await t.call("GET", "/api/me", { token: again.token })).status).toBe(200);
  });

  it("answers the Mini App's cross-origin calls from h5.zdn.vn, preflight included, errors too", async () => {
    const origin = { Origin: "https://h5.zdn.vn" };
    const pre = await t.call("OPTIONS", "/api/quiz-attempts", {
      headers: { ...origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(pre.headers.get("access-control-allow-methods")).toMatch(/PATCH/);
    for (const path of ["/api/lessons", "/api/lessons/1", "/api/progress", "/api/tips/today"]) {
      const res = await t.call("GET", path, { headers: origin });
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
    }
  });

  it("the development sign-in does not exist when the server talks to real Zalo", async () => {
    const res = await t.call("POST", "/api/auth/dev", { body: { name: "Bà Lan" } });
    expect(res.status).toBe(404);
    expect(await t.store.value(`SELECT COUNT(*) FROM learners WHERE zalo_app_user_id LIKE 'dev-%'`)).toBe(0);
  });

  it("src and ref are recorded at the first sign-in only; malformed codes are dropped, sign-in still works", async () => {
    const id = graphId(6);
    await t.signIn(id, { src: "buudien-xa-tan-lap", ref: "tnv_017" });
    await t.signIn(id, { src: "other-qr", ref: "tnv_999" });
    const l = (await t.learning.learners.byAppUserId(id))!;
    expect([l.first_source, l.referrer_code]).toEqual(["buudien-xa-tan-lap", "tnv_017"]);
    const odd = await t.signIn(graphId(7), { src: "<script>alert(1)</script>", ref: "😀" });
    expect(odd.body.learner).toBeTruthy();
    const o = (await t.learning.learners.byAppUserId(graphId(7)))!;
    expect([o.first_source, o.referrer_code]).toEqual([null, null]);
  });
});

describe("linking the app sign-in to the OA chat learner (idByOA)", () => {
  let t: AppApi;
  beforeAll(async () => {
    t = await appApiServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("links to the OA learner with no app id yet when Zalo's OA API confirms the idByOA", async () => {
    const oa = "7000000000000000101";
    const chat = await t.learning.learners.touch(oa, t.clock.now());
    t.fake.oaUsers.set(oa, { userIdByApp: graphId(101), name: "Chú Sáu" });
    const { body } = await t.signIn(graphId(101), { idByOA: oa });
    expect(body.learner).toBeTruthy();
    expect((await t.learning.learners.byAppUserId(graphId(101)))?.id).toBe(chat.id);
  });

  it("never hands over an OA record already linked to another app id", async () => {
    const oa = "7000000000000000102";
    const owner = await t.learning.learners.touch(oa, t.clock.now(), graphId(102));
    await t.learning.completeLesson(owner.id, 1);
    const intruder = await t.signIn(graphId(999), { idByOA: oa });
    const mine = (await t.learning.learners.byAppUserId(graphId(999)))!;
    expect(mine.id).not.toBe(owner.id);
    expect(mine.zalo_user_id).toBeNull();
    const progress = await t.call("GET", "/api/progress", { token: intruder.token });
    expect(progress.body.lessons[0].status).toBe("not_started");
    expect((await t.learning.learners.byZaloUserId(oa))?.zalo_app_user_id).toBe(graphId(102));
  });

  it("an app learner who already has an OA id keeps it when a different idByOA is claimed", async () => {
    const oa = "7000000000000000103";
    await t.learning.learners.touch(oa, t.clock.now(), graphId(103));
    await t.signIn(graphId(103), { idByOA: "7000000000000000555" });
    expect((await t.learning.learners.byAppUserId(graphId(103)))?.zalo_user_id).toBe(oa);
    expect(await t.learning.learners.byZaloUserId("7000000000000000555")).toBeUndefined();
  });
});

describe("wrong app secret and the sign-in rate limit", () => {
  it("a wrong appsecret_proof is rejected by Zalo and no session is made; the person is told to retry later", async () => {
    const t = await appApiServer({ env: { ZALO_APP_SECRET: "not-the-app-secret" } });
    try {
      const res = await t.call("POST", "/api/auth/zalo", { body: { accessToken: t.zaloUser(graphId(201)) } });
      expect(res.status).toBe(503);
      expect(res.body.error).toBe("zalo_unavailable");
      expect(t.fake.graphRequests).toHaveLength(1);
      expect(await t.learning.learners.byAppUserId(graphId(201))).toBeUndefined();
      expect(await t.store.value(`SELECT COUNT(*) FROM sessions`)).toBe(0);
    } finally {
      await t.stop();
    }
  });

  it(`allows ${SIGN_INS_PER_MINUTE} sign-in calls a minute from one IP, then 429 until the next minute`, async () => {
    const t = await appApiServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= SIGN_INS_PER_MINUTE; i++) {
        statuses.push((await t.call("POST", "/api/auth/zalo", { body: { accessToken: `bad-${i}` } })).status);
      }
      expect(statuses.slice(0, SIGN_INS_PER_MINUTE).every((s) => s === 401)).toBe(true);
      const limited = await t.call("POST", "/api/auth/zalo", { body: { accessToken: t.zaloUser(graphId(202)) } });
      expect(limited.status).toBe(429);
      expect(limited.body.message).toMatch(VIETNAMESE);
      expect(statuses.at(-1)).toBe(429);
      t.clock.advance(60_000);
      expect((await t.call("POST", "/api/auth/zalo", { body: { accessToken: t.zaloUser(graphId(202)) } })).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

describe("development sign-in in simulator mode", () => {
  let t: AppApi;
  beforeAll(async () => {
    t = await appApiServer({ simulator: true });
  });
  afterAll(async () => {
    await t.stop();
  });

  it("signs in by name; the same name comes back as the same person; a long name is refused", async () => {
    const a = await t.call("POST", "/api/auth/dev", { body: { name: "Bà Lan", src: "qr-demo" } });
    expect(a.status).toBe(200);
    expect(a.body.learner.displayName).toBe("Bà Lan");
    const b = await t.call("POST", "/api/auth/dev", { body: { name: "Bà Lan" } });
    await t.call("POST", `/api/lessons/1/complete`, { token: a.body.sessionToken });
    const progress = await t.call("GET", "/api/progress", { token: b.body.sessionToken });
    expect(progress.body.lessons[0].status).toBe("done");
    const anonymous = await t.call("POST", "/api/auth/dev", { body: {} });
    expect(anonymous.status).toBe(200);
    expect((await t.call("GET", "/api/progress", { token: anonymous.body.sessionToken })).body.lessons[0].status).toBe("not_started");
    const long = await t.call("POST", "/api/auth/dev", { body: { name: "L".repeat(61) } });
    expect(long.status).toBe(400);
    expect(long.body.field).toBe("name");
  });

  it("with idByOA of a simulated chat user, the preview signs in as that chat learner", async () => {
    const user = (await t.call("POST", "/sim/api/users", { body: { name: "Ông Tư" } })).body.user.user_id as string;
    expect((await t.call("POST", `/sim/api/users/${user}/follow`, { body: {} })).status).toBe(200);
    const chat = t.chat;
    await chat.completeLesson((await t.chatLearner(user)).id, 7);
    const res = await t.call("POST", "/api/auth/dev", { body: { idByOA: user } });
    expect(res.status).toBe(200);
    const progress = await t.call("GET", "/api/progress", { token: res.body.sessionToken });
    expect(progress.body.lessons[6].status).toBe("done");
    expect(await t.store.value(`SELECT COUNT(*) FROM learners WHERE zalo_user_id = ?`, [user])).toBe(1);
  });
});

describe("Graph's user_id_by_oa and the odd shapes of its answer (MINI_APP_ID set)", () => {
  const MINI_APP = "3141592653589793238";
  let t: AppApi;
  beforeAll(async () => {
    t = await appApiServer({ env: { MINI_APP_ID: MINI_APP } });
    // The fake gives user_id_by_oa only to a request naming our Mini App, as we understand Zalo.
    t.fake.graphMiniAppId = MINI_APP;
  });
  afterAll(async () => {
    await t.stop();
  });

  let tokens = 0;
  /** Signs in with a token Graph answers with exactly `answer` (HTTP 200). */
  async function signInAnswered(answer: string, extra: Record<string, unknown> = {}) {
    t.clock.advance(60_000);
    const accessToken = `zat-odd-${++tokens}`;
    t.fake.graphUsers.set(accessToken, { id: "0", name: "", rawAnswer: answer });
    return t.call("POST", "/api/auth/zalo", { body: { accessToken, ...extra } });
  }

  it("asks with miniapp_id = MINI_APP_ID, the SDK's fields and a correct appsecret_proof, and links by Zalo's user_id_by_oa", async () => {
    const g = graphId(501);
    const oa = "7000000000000000501";
    const chat = await t.learning.learners.touch(oa, t.clock.now());
    t.fake.graphPeople.set(g, { userIdByOA: oa });
    const asked = t.fake.userDetailRequests.length;
    await t.signIn(g);
    const request = t.fake.graphRequests.at(-1)!;
    const query = new URLSearchParams(request.query);
    expect(query.get("fields")).toBe("id,name,user_id_by_oa,is_sensitive,picture");
    expect(query.get("miniapp_id")).toBe(MINI_APP);
    expect(request.proof).toBe(createHmac("sha256", t.fake.appSecret).update(request.accessToken!).digest("hex"));
    expect((await t.learning.learners.byAppUserId(g))?.id).toBe(chat.id);
    // Zalo's word needs no second opinion: OA user/detail is not asked.
    expect(t.fake.userDetailRequests).toHaveLength(asked);
  });

  it("a user_id_by_oa as a bare JSON number is kept exact (long) or read as digits (short)", async () => {
    for (const oa of ["7000000000000000502", "123456"]) {
      const chat = await t.learning.learners.touch(oa, t.clock.now());
      const g = graphId(Number(oa.slice(-3)) + 1000);
      const res = await signInAnswered(`{"id":"${g}","name":"Lan","user_id_by_oa":${oa},"error":0}`);
      expect(res.status, oa).toBe(200);
      expect((await t.learning.learners.byAppUserId(g))?.id, oa).toBe(chat.id);
    }
  });

  it("user_id_by_oa missing, empty, null, zero, negative, a lossy float, not digits or not a string: signed in, not linked", async () => {
    // What a careless Number() would make of 1.2345678901234567e18: a record with that id must stay apart.
    const lossy = await t.learning.learners.touch(String(Number("1.2345678901234567e18")), t.clock.now());
    const odd = ["", '"user_id_by_oa":""', '"user_id_by_oa":null', '"user_id_by_oa":"0"', '"user_id_by_oa":0', '"user_id_by_oa":-7',
      '"user_id_by_oa":1.2345678901234567e18', '"user_id_by_oa":"12ab"', '"user_id_by_oa":" 123"', '"user_id_by_oa":{}',
      '"user_id_by_oa":["7000000000000000503"]', '"user_id_by_oa":true'];
    let n = 510;
    for (const field of odd) {
      const g = graphId(++n);
      const res = await signInAnswered(`{"id":"${g}","name":"Lan",${field ? `${field},` : ""}"error":0}`);
      expect(res.status, field).toBe(200);
      expect(res.body.learner.displayName, field).toBe("Lan");
      expect((await t.learning.learners.byAppUserId(g))?.zalo_user_id, field).toBeNull();
    }
    expect((await t.learning.learners.byId(lossy.id))?.zalo_app_user_id).toBeNull();
  });

  it("an error in a 200 body is 401 with a message a person can act on, even with ids beside it; nothing is linked or stored", async () => {
    const oa = "7000000000000000530";
    await t.learning.learners.touch(oa, t.clock.now());
    const g = graphId(530);
    for (const error of ["-501", '"-501"', "-124", "1"]) {
      const res = await signInAnswered(`{"error":${error},"message":"Access token is invalid","id":"${g}","user_id_by_oa":"${oa}","name":"Lan"}`);
      expect(res.status, error).toBe(401);
      expect(res.body.error).toBe("invalid_zalo_token");
      expect(res.body.message).toMatch(VIETNAMESE);
      expect(res.body.message).toMatch(/mở lại/);
    }
    // No id at all, though Zalo says success: not a person we can sign in.
    const noId = await signInAnswered(`{"error":0,"message":"Success","user_id_by_oa":"${oa}"}`);
    expect(noId.status).toBe(401);
    expect(await t.learning.learners.byAppUserId(g)).toBeUndefined();
    expect((await t.learning.learners.byZaloUserId(oa))?.zalo_app_user_id).toBeNull();
  });

  it("an answer that cannot be read (not JSON, not an object, a broken id or error) is 503: the app offers to retry", async () => {
    const broken = ["<html>502 Bad Gateway</html>", "null", "[]", '"ok"', '{"id":"0","error":0}', '{"id":-5,"error":0}', '{"id":"12ab","error":0}',
      '{"id":1.2345678901234567e18,"error":0}', '{"id":{},"error":0}', `{"id":"${graphId(540)}","error":"oops"}`];
    const sessions = await t.store.value(`SELECT COUNT(*) FROM sessions`);
    for (const answer of broken) {
      const res = await signInAnswered(answer);
      expect(res.status, answer).toBe(503);
      expect(res.body.error, answer).toBe("zalo_unavailable");
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    expect(await t.store.value(`SELECT COUNT(*) FROM sessions`)).toBe(sessions);
  });

  it("an account Zalo marks is_sensitive: signed in and linked, but its Zalo name is not kept", async () => {
    const g = graphId(550);
    const oa = "7000000000000000550";
    const chat = await t.learning.learners.touch(oa, t.clock.now());
    t.fake.graphPeople.set(g, { userIdByOA: oa, isSensitive: true });
    const { body } = await t.signIn(g, {}, "Bé Na");
    expect(body.learner.displayName).toBeNull();
    const mine = (await t.learning.learners.byAppUserId(g))!;
    expect([mine.id, mine.display_name]).toEqual([chat.id, null]);
    // Only a clear yes counts: false, "false", 0 or an object keep the name as for anyone.
    let n = 551;
    for (const value of ["false", '"false"', "0", "{}", '"yes"']) {
      const other = graphId(++n);
      const res = await signInAnswered(`{"id":"${other}","name":"Cô Ba","is_sensitive":${value},"error":0}`);
      expect(res.body.learner.displayName, value).toBe("Cô Ba");
    }
    for (const value of ['"true"', "1"]) {
      const res = await signInAnswered(`{"id":"${graphId(++n)}","name":"Cô Ba","is_sensitive":${value},"error":0}`);
      expect(res.body.learner.displayName, value).toBeNull();
    }
  });

  it("a name that is not text is left out; the person still signs in", async () => {
    for (const name of ["12345", "null", '{"first":"Lan"}', '"   "']) {
      const res = await signInAnswered(`{"id":"${graphId(570)}","name":${name},"error":0}`);
      expect(res.status, name).toBe(200);
    }
    expect((await t.learning.learners.byAppUserId(graphId(570)))?.display_name).toBeNull();
  });
});

describe("without MINI_APP_ID", () => {
  it("Graph is asked without miniapp_id; when Zalo then gives no user_id_by_oa nothing is linked and the fallbacks stay", async () => {
    const t = await appApiServer();
    try {
      t.fake.graphMiniAppId = "3141592653589793238";
      const g = graphId(580);
      const oa = "7000000000000000580";
      const chat = await t.learning.learners.touch(oa, t.clock.now());
      t.fake.graphPeople.set(g, { userIdByOA: oa });
      await t.signIn(g);
      expect(new URLSearchParams(t.fake.graphRequests.at(-1)!.query).has("miniapp_id")).toBe(false);
      expect((await t.learning.learners.byAppUserId(g))!.id).not.toBe(chat.id);
      // The confirmed-claim fallback still joins them.
      t.fake.oaUsers.set(oa, { userIdByApp: g, name: "Lan" });
      await t.signIn(g, { idByOA: oa });
      expect((await t.learning.learners.byAppUserId(g))!.id).toBe(chat.id);
    } finally {
      await t.stop();
    }
  });
});
