/** Calendar arithmetic on plain "YYYY-MM-DD" days (UTC), so a day never shifts with the time zone. */

export const CALENDAR_VIEWS = ["week", "month", "agenda"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

const MS_DAY = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const isDay = (s: unknown): s is string =>
  typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(toMs(s));
export const todayDay = (now = Date.now()) => toDay(now);
export const addDays = (day: string, n: number) => toDay(toMs(day) + n * MS_DAY);

/** Monday of the day's week. */
export function weekStart(day: string): string {
  const weekday = (new Date(toMs(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function addMonths(day: string, n: number): string {
  const d = new Date(toMs(day));
  return toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

/** The days a view shows around `anchor`: a week, a month grid (whole weeks), or 5 weeks as a list. */
export function viewRange(view: CalendarView, anchor: string): { from: string; to: string } {
  if (view === "week") {
    const from = weekStart(anchor);
    return { from, to: addDays(from, 6) };
  }
  if (view === "month") {
    const first = addMonths(anchor, 0);
    const last = addDays(addMonths(anchor, 1), -1);
    return { from: weekStart(first), to: addDays(weekStart(last), 6) };
  }
  return { from: addDays(anchor, -7), to: addDays(anchor, 27) };
}

/** Every day from..to inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 100; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Where "previous" and "next" go: a week, a month, or four weeks. */
export function shiftAnchor(view: CalendarView, anchor: string, by: -1 | 1): string {
  if (view === "month") return addMonths(anchor, by);
  return addDays(anchor, by * (view === "week" ? 7 : 28));
}

/** "Thu 26 Nov" in the browser's language. */
export function dayLabel(day: string): string {
  return new Date(toMs(day)).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

export function monthLabel(day: string): string {
  return new Date(toMs(day)).toLocaleDateString(undefined, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
