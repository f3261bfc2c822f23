import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time of this process split by thread kind, from Linux's /proc/self/task (empty elsewhere): where a
 * figure measured with process.cpuUsage() goes. Kinds by thread name: "Worker" = Web Workers, "bun" = the
 * main thread, "JITWorker" = JavaScriptCore's compiler threads, the rest (GC helpers, pools) = "other".
 * Times are nanoseconds on CPU (schedstat). A thread that ended between two snapshots is missing from the
 * difference, so a split is only exact for threads that outlive the measured window.
 */
export type ThreadKind = "worker" | "main" | "jit" | "other";
export type ThreadCpu = Map<string, { kind: ThreadKind; ns: number }>;

function kindOf(name: string): ThreadKind {
  if (name === "Worker") return "worker";
  if (name === "bun") return "main";
  if (name.startsWith("JITWorker")) return "jit";
  return "other";
}

export function threadCpu(): ThreadCpu {
  const threads: ThreadCpu = new Map();
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim();
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      if (Number.isFinite(ns)) threads.set(tid, { kind: kindOf(name), ns });
    } catch {
      // The thread ended while being read.
    }
  }
  return threads;
}

/** Milliseconds on CPU per kind between two snapshots (threads that started in between count from zero). */
export function threadCpuMsSince(before: ThreadCpu, after = threadCpu()): Record<ThreadKind, number> {
  const ms: Record<ThreadKind, number> = { worker: 0, main: 0, jit: 0, other: 0 };
  for (const [tid, t] of after) ms[t.kind] += (t.ns - (before.get(tid)?.ns ?? 0)) / 1e6;
  return ms;
}
