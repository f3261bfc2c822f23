import { expect, test } from "bun:test";
import { readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/** The nice value of one thread of this process, from /proc (field 19 of its stat line). */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[16]);
}

test.skipIf(process.platform !== "linux")(
  "a background thread runs at a lower priority; the thread answering requests keeps its own",
  async () => {
    const mainTid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    const before = niceOf(mainTid);
    const source = `
      import { runThisThreadInBackground } from ${JSON.stringify(join(import.meta.dir, "../../../server/lib/background-priority.ts"))};
      import { readlinkSync } from "node:fs";
      const lowered = runThisThreadInBackground();
      postMessage({ lowered, tid: Number(readlinkSync("/proc/thread-self").split("/").pop()) });
      setInterval(() => {}, 1000);
    `;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    try {
      const reply = await new Promise<{ lowered: boolean; tid: number }>((resolve) => {
        worker.onmessage = (event: MessageEvent<{ lowered: boolean; tid: number }>) => resolve(event.data);
      });
      expect(reply.lowered).toBe(true);
      expect(niceOf(reply.tid)).toBe(Math.max(10, before));
      expect(niceOf(mainTid)).toBe(before);
    } finally {
      worker.terminate();
    }
  },
);
