import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingWork, type ChatButton } from "./support/chat.js";
import { content } from "./support/learning.js";
import { pick } from "./support/quiz.js";
import { localEnv, startTestServer, type TestServer } from "./support/server.js";

interface SimMessage {
  direction: "in" | "out";
  body: { text?: string; attachment?: { payload?: { buttons?: ChatButton[] } } };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(localEnv());
});
afterAll(async () => {
  await server.stop();
});

const post = (path: string, body: unknown) =>
  fetch(`${server.url}/sim/api${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function settle(): Promise<void> {
  const end = Date.now() + 10_000;
  while ((await pendingWork(server.store)) > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe("/sim: from follow to certificate entirely in chat", () => {
  it("a simulated citizen onboards, learns a lesson, passes its quiz and the final test, and gets a certificate", async () => {
    const { user } = (await (await post("/users", { name: "Bà Lan" })).json()) as { user: { user_id: string } };
    const id = user.user_id;
    let seen = 0;
    const act = async (path: string, body: unknown): Promise<SimMessage[]> => {
      expect((await post(`/users/${id}${path}`, body)).status).toBe(200);
      await settle();
      const { messages } = (await (await fetch(`${server.url}/sim/api/users/${id}/messages`)).json()) as { messages: SimMessage[] };
      const out = messages.filter((m) => m.direction === "out");
      const fresh = out.slice(seen);
      seen = out.length;
      return fresh;
    };
    const buttons = (ms: SimMessage[]) => ms[ms.length - 1]?.body.attachment?.payload?.buttons ?? [];
    const tap = (ms: SimMessage[], title: string) => {
      const b = buttons(ms).find((x) => x.title === title);
      if (!b) throw new Error(`no ${title} in ${JSON.stringify(buttons(ms).map((x) => x.title))}`);
      return act("/messages", { payload: b.payload, title: b.title });
    };
    const say = (text: string) => act("/messages", { text });
    /** Taps the right answer, found from the bank through the button's token. */
    const answer = async (ms: SimMessage[], right: boolean) => {
      const b = await pick(server.store, [{ text: "", buttons: buttons(ms) }], right);
      return act("/messages", { payload: b.payload, title: b.title });
    };

    const welcome = await act("/follow", {});
    expect(welcome[0]!.body.text).toContain("Chào mừng bạn đến với Kỹ Năng Số");
    await tap(welcome, "Đồng ý");
    const commune = await say("Lạng Sơn");
    const reminder = await tap(commune, "Không rõ");
    const done = await tap(reminder, "20:00 tối");
    expect(done[0]!.body.text).toMatch(/Tôi sẽ nhắc bạn học lúc 20:00 mỗi ngày/);

    const lesson = await tap(done, "Bắt đầu học");
    expect(lesson[0]!.body.text).toBe(content().lessons[0]!.chat[0]!.trim());
    let screen = await tap(lesson, "Làm bài kiểm tra");
    for (let i = 0; i < 5; i++) screen = await answer(screen, true);
    expect(screen[0]!.body.text).toMatch(/Bạn trả lời đúng 5\/5 câu\. 🎉 Bạn đã qua Bài 1!/);

    screen = await say("thi");
    for (let i = 0; i < 20; i++) screen = await answer(screen, true);
    expect(screen[0]!.body.text).toMatch(/Bạn trả lời đúng 20\/20 câu và đã đạt/);
    const proposed = await say("lò thị mai");
    expect(proposed[0]!.body.text).toMatch(/^Tên in trên giấy chứng nhận: Lò Thị Mai\n/);
    const certificate = await tap(proposed, "Đúng rồi");
    const code = (await server.store.value<string>("SELECT code FROM certificates"))!;
    expect(certificate[0]!.body.text).toContain(`Mã giấy chứng nhận: ${code}`);
    expect(buttons(certificate)[0]).toMatchObject({ title: "Xem giấy chứng nhận", type: "oa.open.url" });
  });
});
