import { fold } from "../text.js";

/** Reminders go out only in the day: never between 21:00 and 07:00. */
export const EARLIEST_REMINDER = "07:00";
export const LATEST_REMINDER = "20:59";

export type ReminderTime = { ok: true; time: string } | { ok: false; reason: "not-a-time" | "at-night" };

// "20h", "20:30", "20h30", "8 giờ tối", "7 rưỡi sáng", "8h30 tối", "12 giờ trưa".
const TIME = /^(\d{1,2})(?:\s*(?:h|g|gio))?(?:\s*(\d{1,2}|ruoi)\s*(?:p|phut)?)?\s*(sang|trua|chieu|toi|dem)?$/;

/** Reads a time of day as people type it; "HH:MM" in local time. */
export function parseReminderTime(input: string): ReminderTime {
  const m = TIME.exec(fold(input.slice(0, 40)));
  if (!m) return { ok: false, reason: "not-a-time" };
  let hour = Number(m[1]);
  const minute = m[2] === "ruoi" ? 30 : Number(m[2] ?? 0);
  const period = m[3];
  if (hour > 23 || minute > 59) return { ok: false, reason: "not-a-time" };
  if (period === "sang") {
    if (hour > 12) return { ok: false, reason: "not-a-time" };
    if (hour === 12) hour = 0;
  } else if (period === "trua") {
    if (hour <= 2) hour += 12; // "1 giờ trưa" is 13:00
  } else if (period === "chieu" || period === "toi") {
    if (hour < 12) hour += 12;
    else if (hour === 12 && period === "toi") hour = 0;
  } else if (period === "dem") {
    if (hour === 12) hour = 0;
    else if (hour >= 9 && hour < 12) hour += 12; // "10 giờ đêm"; "2 giờ đêm" stays 02:00
  }
  const time = `${String(hour % 24).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  if (time < EARLIEST_REMINDER || time > LATEST_REMINDER) return { ok: false, reason: "at-night" };
  return { ok: true, time };
}
