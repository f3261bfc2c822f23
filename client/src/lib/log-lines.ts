/** The server's JSON log records made readable: time, level, message and the other fields as key=value. */

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogLine {
  time: string;
  level: LogLevel;
  message: string;
  fields: string;
}

const isLevel = (x: unknown): x is LogLevel =>
  typeof x === "string" && (LOG_LEVELS as readonly string[]).includes(x);

function fieldText(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** One stored line; a line that is not a JSON record is shown as it is, at level info. */
export function parseLogLine(raw: string): LogLine {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch {
    return { time: "", level: "info", message: raw, fields: "" };
  }
  if (typeof record !== "object" || record === null)
    return { time: "", level: "info", message: raw, fields: "" };
  const { time, level, msg, ...rest } = record as Record<string, unknown>;
  return {
    time: typeof time === "string" ? time : "",
    level: isLevel(level) ? level : "info",
    message: typeof msg === "string" ? msg : "",
    fields: Object.entries(rest)
      .map(([k, v]) => `${k}=${fieldText(v)}`)
      .join(" "),
  };
}

/** Lines at `min` or above, newest first. */
export function filterLogLines(lines: readonly LogLine[], min: LogLevel): LogLine[] {
  const floor = LOG_LEVELS.indexOf(min);
  return lines.filter((l) => LOG_LEVELS.indexOf(l.level) >= floor).reverse();
}

/** "10:31:05" from an ISO time, in the browser's zone. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour12: false });
}
