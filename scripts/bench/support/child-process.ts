import type { Subprocess } from "bun";

export interface Child {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  pid: number;
  /** Resolves with the first stdout line (parsed JSON) the predicate accepts; stdout keeps draining. */
  waitFor<T>(accept: (record: Record<string, unknown>) => T | undefined, timeoutMs?: number): Promise<T>;
  /** Last lines of stderr (for error messages). */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL after the deadline; resolves with the exit code. */
  stop(deadlineMs?: number): Promise<number | null>;
}

/**
 * Spawns a helper process whose stdout is JSON lines. Stdout is always drained (a full pipe would block
 * the child's writes and distort what is measured); lines are parsed only while someone waits for one.
 */
export function spawnChild(cmd: string[], env: Record<string, string> = {}): Child {
  const proc = Bun.spawn(cmd, {
    env: { ...process.env, ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const waiters = new Set<(record: Record<string, unknown>) => boolean>();
  let stderr = "";
  (async () => {
    const decoder = new TextDecoder();
    let buffered = "";
    for await (const chunk of chunks(proc.stdout)) {
      if (waiters.size === 0) continue;
      buffered += decoder.decode(chunk, { stream: true });
      let nl = buffered.indexOf("\n");
      while (nl !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf("\n");
        if (!line.startsWith("{")) continue;
        const record = JSON.parse(line) as Record<string, unknown>;
        for (const w of [...waiters]) if (w(record)) waiters.delete(w);
      }
      if (waiters.size === 0) buffered = "";
    }
  })();
  (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of chunks(proc.stderr)) stderr = (stderr + decoder.decode(chunk)).slice(-4_000);
  })();
  return {
    proc,
    pid: proc.pid,
    waitFor(accept, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${cmd.join(" ")}: no expected output within ${timeoutMs} ms\n${stderr}`));
        }, timeoutMs);
        const check = (record: Record<string, unknown>) => {
          const value = accept(record);
          if (value === undefined) return false;
          clearTimeout(timer);
          resolve(value);
          return true;
        };
        waiters.add(check);
        proc.exited.then((code) => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`${cmd.join(" ")} exited with ${code}\n${stderr}`));
        });
      });
    },
    stderrTail: () => stderr,
    async stop(deadlineMs = 5_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), deadlineMs);
      const code = await proc.exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS; includes its worker threads). */
export async function rssMbOf(pid: number): Promise<number> {
  const status = await Bun.file(`/proc/${pid}/status`).text();
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/**
 * A process's resident memory split in MB (/proc/<pid>/status): `anon` is heap memory (malloc, JS heaps,
 * JIT), `file` the mapped pages of the executable and libraries; their sum is VmRSS.
 */
export async function rssSplitMbOf(pid: number): Promise<{ anon: number; file: number; threads: number }> {
  const status = await Bun.file(`/proc/${pid}/status`).text();
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { anon: field("RssAnon") / 1024, file: field("RssFile") / 1024, threads: field("Threads") };
}

async function* chunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * CPU time (user + system, ms) the main thread of a process has used so far, from /proc/<pid>/task/<pid>/stat
 * (the main thread's id is the process id). Unlike latency it hardly depends on how loaded the machine
 * is; resolution is one clock tick (10 ms), so take it over many requests.
 */
export async function mainThreadCpuMs(pid: number): Promise<number> {
  const stat = await Bun.file(`/proc/${pid}/task/${pid}/stat`).text();
  // Fields after the parenthesised command name (which may contain spaces); utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
