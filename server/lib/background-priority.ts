import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** Nice value of background threads: the kernel runs them on the CPU time requests leave over. */
const BACKGROUND_NICE = 10;

/**
 * Lowers the scheduling priority of the calling thread only (Linux treats a thread id as a process id for
 * setpriority; /proc/thread-self names it). Background work — loading series while the user adds more —
 * then yields the CPU to the thread answering requests instead of competing with it, and still runs at
 * full speed on an idle machine. Elsewhere, or where the call is refused, the thread keeps its priority:
 * slower answers under load, nothing else.
 */
export function runThisThreadInBackground(): boolean {
  if (process.platform !== "linux") return false;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // Already as low (the whole service was started with `nice`): raising it back is not ours to do.
    if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}
