import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { button, lastText, startChat } from "./support/chat.js";
import { pick } from "./support/quiz.js";

let chat: Awaited<ReturnType<typeof startChat>>;
beforeAll(async () => {
  chat = await startChat();
});
afterAll(async () => {
  await chat.stop();
});

const db = () => chat.server.store;
const count = async (sqlText: string, ...args: (string | number)[]) => (await db().value<number>(sqlText, args))!;

/** Someone who consented, gave a place and a time, and passed a quiz. */
async function activeLearner() {
  const p = chat.person();
  await p.follow();
  await p.tap("#consent:yes");
  await p.say("Nghệ An");
  await p.say("bỏ qua");
  await p.tap("#remind:20:00");
  let screen = await p.tap("#quiz:1");
  for (let i = 0; i < 5; i++) screen = await p.tap(await pick(db(), screen, i !== 0));
  return p;
}

describe("data rights in chat", () => {
  it("'dữ liệu của tôi' says plainly what is stored", async () => {
    const p = await activeLearner();
    for (const spelling of ["dữ liệu của tôi", "DU LIEU CUA TOI"]) {
      const summary = lastText(await p.say(spelling));
      expect(summary).toMatch(/^Đây là những gì Kỹ Năng Số đang lưu về bạn:/);
      expect(summary).toContain("Đồng ý lưu dữ liệu: bạn đã đồng ý cho lưu.");
      expect(summary).toContain("Nơi ở: Tỉnh Nghệ An.");
      expect(summary).toContain("Giờ nhắc học: 20:00.");
      expect(summary).toContain("Việc học: đã mở 1/12 bài, đã qua bài kiểm tra 1/12 bài.");
      expect(summary).toContain("Muốn xóa hết, bạn nhắn: xóa dữ liệu.");
    }
  });

  it("shows the printed name once: the kept name before a certificate exists, the certificate's after", async () => {
    const p = await activeLearner();
    const id = (await p.learner())!.id;
    const { learning } = chat.server;
    await learning.learners.update(id, { certificate_name: "Trần Thị Hoa" });
    const before = lastText(await p.say("dữ liệu của tôi"));
    expect(before).toContain("• Giấy chứng nhận: chưa có.");
    expect(before.match(/Trần Thị Hoa/g)).toHaveLength(1);
    const cert = await learning.certificates.issue(id, "Trần Thị Hoa", 17, 20, [1]);
    const after = lastText(await p.say("dữ liệu của tôi"));
    expect(after).toContain(`• Giấy chứng nhận: mã ${cert.code}, tên in là “Trần Thị Hoa”.`);
    expect(after.match(/Trần Thị Hoa/g)).toHaveLength(1);
    // A kept name that differs from the printed one is data too: it is shown, said for what it is.
    await learning.learners.update(id, { certificate_name: "Trần Hoa" });
    expect(lastText(await p.say("dữ liệu của tôi"))).toContain("• Tên đã lưu để in giấy chứng nhận: Trần Hoa.");
  });

  it("'xóa dữ liệu' asks first; 'Không xóa' keeps everything", async () => {
    const p = await activeLearner();
    const ask = await p.say("Xoá dữ liệu");
    expect(lastText(ask)).toMatch(/Việc này không hoàn tác được\.\nChỉ các con số thống kê chung \(không có tên ai\) được giữ lại\.\nBạn chắc chắn chứ\?$/);
    expect(ask[0]!.buttons.map((b) => b.title)).toEqual(["Xóa hết", "Không xóa"]);
    const kept = await p.tap(button(ask, "Không xóa"));
    expect(lastText(kept)).toMatch(/không xóa gì cả/);
    expect(await p.learner()).toBeDefined();
    // The confirmation button is no good once answered.
    const stale = await p.tap(button(ask, "Xóa hết"));
    expect(lastText(stale)).toMatch(/^Nút này đã cũ rồi/);
    expect((await p.learner())?.province_code).toBe("40");
  });

  it("'Xóa hết' deletes the person, their progress and messages, and keeps anonymous counts", async () => {
    const p = await activeLearner();
    const id = (await p.learner())!.id;
    const counts = await count("SELECT COALESCE(SUM(n), 0) FROM daily_counts");
    expect(counts).toBeGreaterThan(0);
    const ask = await p.say("xoa du lieu");
    const done = await p.tap(button(ask, "Xóa hết"));
    expect(lastText(done)).toMatch(/^Tôi đã xóa hết dữ liệu của bạn/);
    expect(await p.learner()).toBeUndefined();
    for (const table of ["lesson_progress", "quiz_attempts", "review_items"]) {
      expect(await count(`SELECT COUNT(*) FROM ${table} WHERE learner_id = ?`, id)).toBe(0);
    }
    expect(await count("SELECT COUNT(*) FROM inbox WHERE user_id = ? AND raw LIKE '%Nghệ An%'", p.id)).toBe(0);
    expect(await count("SELECT COUNT(*) FROM outbox WHERE user_id = ? AND message LIKE '%Nghệ An%'", p.id)).toBe(0);
    expect(await count("SELECT COALESCE(SUM(n), 0) FROM daily_counts")).toBe(counts);
    // Whoever writes next is a new person: welcomed and asked again.
    const next = await p.say("học");
    expect(next[0]!.text).toContain("Chào mừng bạn đến với Kỹ Năng Số");
  });

  it("a forged or stale erase button deletes nothing", async () => {
    const p = await activeLearner();
    for (const payload of ["#erase:yes", "#erase:YES", "#erase:yes:now"]) {
      await p.tap(payload);
      expect((await p.learner())?.consent).toBe("granted");
    }
  });

  it("withdrawing consent ('rút đồng ý' or the consent button again) erases the same way and remembers only the no", async () => {
    for (const withdraw of ["rút đồng ý", "#consent:no"]) {
      const p = await activeLearner();
      const ask = await p.say(withdraw);
      expect(lastText(ask)).toMatch(/^Bạn muốn rút lại sự đồng ý\. Khi đó tôi sẽ xóa dữ liệu của bạn\./);
      const done = await p.tap(button(ask, "Xóa hết"));
      expect(lastText(done)).toMatch(/^Tôi đã xóa dữ liệu của bạn và sẽ không lưu gì thêm/);
      expect(await p.learner()).toMatchObject({ consent: "declined", province_code: null, reminder_time: null, first_source: null });
      expect(await count("SELECT COUNT(*) FROM lesson_progress WHERE learner_id = ?", (await p.learner())!.id)).toBe(0);
      // Not asked again: they get an answer, not the welcome.
      const menu = await p.say("trợ giúp");
      expect(menu).toHaveLength(1);
      expect(lastText(menu)).toMatch(/^Bạn có thể nhắn cho tôi:/);
    }
  });

  it("says where someone first came from in words, never as a raw code", async () => {
    const cases: [(p: ReturnType<typeof chat.person>) => Promise<unknown>, RegExp][] = [
      [(p) => p.follow("oa_profile"), /qua: trang Kỹ Năng Số trên Zalo\./],
      [(p) => p.follow("qr_code"), /qua: quét mã QR của Kỹ Năng Số trên Zalo\./],
      [(p) => p.follow("some_new_place"), /qua: một đường link hoặc nút trên Zalo\./],
      [(p) => p.say("#src:BUUDIEN-NGHEAN-01:V12"), /qua: mã QR BUUDIEN-NGHEAN-01\.\n• Mã người giới thiệu bạn: V12\./],
    ];
    for (const [arrive, words] of cases) {
      const p = chat.person();
      await arrive(p);
      await p.tap("#consent:no");
      const summary = lastText(await p.say("dữ liệu của tôi"));
      expect(summary).toMatch(words);
      expect(summary).not.toMatch(/oa_profile|qr_code|some_new_place|\btrang này\b/);
    }
  });
});
