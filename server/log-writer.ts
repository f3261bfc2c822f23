/**
 * Log lines to stdout, written in batches: one write per event-loop turn (or per 64 KiB) instead of one
 * per line. A request log line per request was the largest single cost of a fast request (a synchronous
 * write into a pipe each time). Lines keep their order; pending ones are written on exit. A SIGKILL
 * loses at most the lines of the current turn.
 */
const MAX_PENDING_CHARS = 64 * 1024;

let pending: string[] = [];
let pendingChars = 0;
let scheduled = false;
let hooked = false;

export function writeStdoutLine(line: string): void {
  pending.push(line);
  pendingChars += line.length + 1;
  if (!hooked) {
    hooked = true;
    process.on("exit", flushStdout);
  }
  if (pendingChars >= MAX_PENDING_CHARS) flushStdout();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flushStdout);
  }
}

/** Writes every pending line now. */
export function flushStdout(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const out = `${pending.join("\n")}\n`;
  pending = [];
  pendingChars = 0;
  process.stdout.write(out);
}
