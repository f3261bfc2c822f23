/**
 * Structured logging: one line per record. JSON when stdout is not a terminal (for log collectors),
 * a short human form otherwise. Records below the configured level are dropped before formatting.
 */
import { writeStdoutLine } from "./log-writer.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  level?: LogLevel;
  json?: boolean;
  /** Where lines go; defaults to stdout. Tests pass a collector. */
  write?: (line: string) => void;
  /** Keeps the last N lines for the System page. */
  recent?: RecentLines;
}

export class RecentLines {
  private readonly lines: string[] = [];
  constructor(private readonly max = 200) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  list(): string[] {
    return [...this.lines];
  }
}

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const level = options.level ?? "info";
  const json = options.json ?? !process.stdout.isTTY;
  const write = options.write ?? writeStdoutLine;
  const boundPlain = Object.values(bound).every(isPrimitive);
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const record = { time: new Date().toISOString(), level: lvl, msg, ...bound, ...fields };
    // A replacer function takes JSON.stringify off its fast path (about half the cost of a request's log
    // line); it is only needed when a field may hold an Error.
    const plain = boundPlain && (fields === undefined || Object.values(fields).every(isPrimitive));
    const serialized =
      json || options.recent ? JSON.stringify(record, plain ? undefined : errorReplacer) : "";
    const line = json ? serialized : human(record);
    options.recent?.push(serialized);
    write(line);
  };
  return {
    level,
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

/** Errors keep their stack (and their cause's) in the log: the log is the only place they are told in full. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error)
    return {
      name: value.name,
      message: value.message,
      stack: value.stack,
      ...(value.cause !== undefined ? { cause: value.cause } : {}),
    };
  return value;
}

function human(record: { time: string; level: string; msg: string } & LogFields): string {
  const { time, level, msg, ...rest } = record;
  const extra = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v, errorReplacer)}`)
    .join(" ");
  return `${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${msg}${extra ? ` ${extra}` : ""}`;
}
