import { foldCommand } from "../text.js";
import { isQuietTime } from "../local-time.js";

export type ReminderTimeChoice =
  | { kind: "ok"; time: string }
  /** A time in the quiet hours (21:00–07:00): declined, with the nearest time we do send. */
  | { kind: "quiet"; time: string; suggestion: string }
  | { kind: "unreadable" };

// "20h", "20:30", "20h30", "8 giờ tối", "7 giờ rưỡi sáng", "lúc 12 giờ trưa", "20 gio 15 phut" — folded,
// with digits split from letters, so they arrive as "20 h 30", "8 gio toi", "7 gio ruoi sang".
const PATTERN =
  /^(?:(?:luc|vao|vao luc) )?(\d{1,2})(?: (?:h|g|gio))?(?: (\d{1,2}|ruoi)(?: (?:p|phut))?)?(?: (?:buoi )?(sang|trua|chieu|toi|dem))?$/;

/** Reads the time a person typed after "nhắc"; NFC or not, with or without diacritics. */
export function parseReminderTime(typed: string): ReminderTimeChoice {
  const m = PATTERN.exec(foldCommand(typed));
  if (!m) return { kind: "unreadable" };
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : m[2] === "ruoi" ? 30 : Number(m[2]);
  const period = m[3];
  if (hour > 23 || minute > 59) return { kind: "unreadable" };
  if (period && hour > 12) {
    // "20 giờ tối" is fine; "20 giờ sáng" is a contradiction we should not guess at.
    if (period === "sang" || (period === "trua" && hour > 14)) return { kind: "unreadable" };
  } else if (period === "sang" || period === "dem") {
    if (hour === 12) hour = 0;
    else if (period === "dem" && hour >= 9) hour += 12;
  } else if (period === "trua") {
    if (hour <= 4) hour += 12;
  } else if (period === "chieu" || period === "toi") {
    if (hour < 12) hour += 12;
  }
  return checkReminderTime(`${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`);
}

/**
 * The rule both doors (a typed "nhắc 20h", the Mini App's setting) apply to a reminder time "HH:MM":
 * nothing is sent in the quiet hours, so such a time is declined with the nearest time we do send.
 * Storing any reminder time also needs consent; the callers ask for it first.
 */
export function checkReminderTime(time: string): Exclude<ReminderTimeChoice, { kind: "unreadable" }> {
  if (isQuietTime(time)) return { kind: "quiet", time, suggestion: time < "07:00" ? "07:00" : "20:00" };
  return { kind: "ok", time };
}
