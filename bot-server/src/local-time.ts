/** A moment as the learner's wall clock reads it: the day (YYYY-MM-DD) and the time (HH:MM, 24 h). */
export interface LocalMoment {
  day: string;
  time: string;
}

/** Nobody is messaged between 21:00 and 07:00 local time (a reply to their own message is not "messaged"). */
export const QUIET_FROM = "21:00";
export const QUIET_UNTIL = "07:00";

export function isQuietTime(time: string): boolean {
  return time >= QUIET_FROM || time < QUIET_UNTIL;
}

/** Reads dates in one time zone (config.TZ); one formatter, reused: creating them is the costly part. */
export class LocalClock {
  private readonly format: Intl.DateTimeFormat;
  private lastMinute = NaN;
  private last: LocalMoment | null = null;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  }

  at(date: Date): LocalMoment {
    // Formatting is slow (a tick asks once per learner); within one minute the answer is the same.
    const minute = Math.floor(date.getTime() / 60_000);
    if (minute === this.lastMinute && this.last) return this.last;
    const p = Object.fromEntries(this.format.formatToParts(date).map((x) => [x.type, x.value]));
    this.lastMinute = minute;
    this.last = { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
    return this.last;
  }
}

const clocks = new Map<string, LocalClock>();

/** The process's LocalClock for a time zone: one formatter per zone, shared by every part. */
export function localClock(timeZone: string): LocalClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new LocalClock(timeZone)));
  return clock;
}

/** "2026-11-23" → "23/11/2026", as Vietnamese people write dates. */
export function vietnameseDay(day: string): string {
  return day.split("-").reverse().join("/");
}

/** "2026-11-23" → "23/11": day and month, for dates close at hand. */
export function dayAndMonth(day: string): string {
  return vietnameseDay(day).slice(0, 5);
}

/** "HH:MM" plus or minus whole minutes, kept within the same day (00:00–23:59). */
export function shiftTime(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number) as [number, number];
  const total = Math.min(23 * 60 + 59, Math.max(0, h * 60 + m + minutes));
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
