import { join } from "node:path";

const MAIN = join(import.meta.dir, "..", "..", "server", "main.ts");

export interface ServerProcess {
  proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
  url: string;
  /** Every stdout line so far (JSON log records), growing while the process runs. */
  logs: string[];
}

/**
 * `bun server/main.ts` as a real process on a random loopback port, with `args` on its command line and
 * `env` over this process's environment; resolves once it logged its URL, rejects if it exits first.
 */
export async function spawnServerProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const proc = Bun.spawn([process.execPath, MAIN, "--port", "0", ...args], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ...env },
  });
  const logs: string[] = [];
  const started = Promise.withResolvers<string>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = proc.stdout.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buffer += decoder.decode(r.value, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        logs.push(line);
        const url = /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1];
        if (url) started.resolve(url);
      }
    }
  })();
  const exited = proc.exited.then(async (code) => {
    throw new Error(
      `the server exited (${code}) before it listened:\n${await new Response(proc.stderr).text()}`,
    );
  });
  const url = await Promise.race([started.promise, exited]);
  exited.catch(() => {});
  return { proc, url, logs };
}
