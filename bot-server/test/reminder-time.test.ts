import { describe, expect, it } from "vitest";
import { checkReminderTime, parseReminderTime } from "../src/learning/reminder-time.js";
import { saysPhrase } from "../src/chat/phrase.js";
import { BUSY, STOP } from "../src/chat/handlers/reminders.js";
import { TIP_DAILY, TIP_NOW } from "../src/chat/handlers/tips.js";

describe("the reminder-time rule both doors apply", () => {
  it.each([
    ["07:00", { kind: "ok", time: "07:00" }],
    ["20:59", { kind: "ok", time: "20:59" }],
    ["21:00", { kind: "quiet", time: "21:00", suggestion: "20:00" }],
    ["06:59", { kind: "quiet", time: "06:59", suggestion: "07:00" }],
    ["00:00", { kind: "quiet", time: "00:00", suggestion: "07:00" }],
  ])("%s", (time, expected) => {
    expect(checkReminderTime(time)).toEqual(expected);
  });
});

describe("reading a reminder time", () => {
  it.each([
    ["20h", "20:00"],
    ["20:30", "20:30"],
    ["20h30", "20:30"],
    ["20 H 30", "20:30"],
    ["8 giờ tối", "20:00"],
    ["8 gio toi", "20:00"],
    ["8h tối", "20:00"],
    ["lúc 7 giờ rưỡi sáng", "07:30"],
    ["7 giờ sáng", "07:00"],
    ["12 giờ trưa", "12:00"],
    ["1 giờ trưa", "13:00"],
    ["3 giờ chiều", "15:00"],
    ["20 giờ 15 phút", "20:15"],
    ["20.45", "20:45"],
    ["9", "09:00"],
    ["20 giờ tối", "20:00"],
    ["8h30 tối", "20:30"],
    ["7 rưỡi sáng", "07:30"],
    ["5 giờ chiều", "17:00"],
    ["9h", "09:00"],
    ["\u0038 gio\u0300 to\u0302\u0301i", "20:00"], // decomposed (NFD) diacritics
  ])("%s → %s", (typed, time) => {
    expect(parseReminderTime(typed)).toEqual({ kind: "ok", time });
  });

  it.each([
    ["22h", "22:00", "20:00"],
    ["11 giờ đêm", "23:00", "20:00"],
    ["12 giờ đêm", "00:00", "07:00"],
    ["6h", "06:00", "07:00"],
    ["6 giờ 59", "06:59", "07:00"],
    ["21:00", "21:00", "20:00"],
    ["9 giờ tối", "21:00", "20:00"],
    ["10 giờ đêm", "22:00", "20:00"],
  ])("%s falls in the quiet hours (%s): declined, %s suggested", (typed, time, suggestion) => {
    expect(parseReminderTime(typed)).toEqual({ kind: "quiet", time, suggestion });
  });

  it.each(["", "tối", "25h", "20:75", "hai mươi giờ", "20 giờ sáng", "😀", "20h; DROP TABLE learners", "1".repeat(5000)])(
    "%j is not a time",
    (typed) => {
      expect(parseReminderTime(typed)).toEqual({ kind: "unreadable" });
    },
  );
});

describe("phrases that folding would confuse", () => {
  it("tells bận (busy) from bạn (you) and dừng (stop) from dùng (use)", () => {
    for (const yes of ["bận", "BẬN!", "ban", "đang bận", "dang ban", "Tôi đang bận 🙏"]) expect(saysPhrase(yes, BUSY), yes).toBe(true);
    for (const no of ["bạn", "bạn ơi", "bạn là ai", "bàn", "bận gì đâu mà bận"]) expect(saysPhrase(no, BUSY), no).toBe(false);
    for (const yes of ["dừng", "Dừng lại!", "dung", "dung lại", "NGỪNG NHẮC", "stop"]) expect(saysPhrase(yes, STOP), yes).toBe(true);
    for (const no of ["dùng", "dùng lại", "dụng", "dũng", "dừng lại đi mà", ""]) expect(saysPhrase(no, STOP), no).toBe(false);
  });

  it("tells mẹo (tip) from mèo (cat), and the daily tip from one tip", () => {
    expect(saysPhrase("Mẹo", TIP_NOW)).toBe(true);
    expect(saysPhrase("meo", TIP_NOW)).toBe(true);
    expect(saysPhrase("mèo", TIP_NOW)).toBe(false);
    expect(saysPhrase("mẹo mỗi ngày", TIP_NOW)).toBe(false);
    expect(saysPhrase("meo moi ngay", TIP_DAILY)).toBe(true);
  });
});
