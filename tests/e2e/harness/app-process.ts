import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY } from "./build.ts";

export interface AppProcess {
  url: string;
  dataDir: string;
  library: string;
  /** Every JSON log record printed so far. */
  records: Record<string, unknown>[];
  /** The one-time setup token the server prints on a fresh database (it may follow the start line). */
  setupToken(timeoutMs?: number): Promise<string | null>;
  stop(): Promise<number>;
}

export interface TempDirs {
  root: string;
  dataDir: string;
  library: string;
  cleanup(): void;
}

export function tempDirs(): TempDirs {
  const root = mkdtempSync(join(tmpdir(), "aniworld-e2e-"));
  const dataDir = join(root, "data");
  const library = join(root, "library");
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(library, { recursive: true });
  return { root, dataDir, library, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Starts the built executable on a random loopback port with the given folders and ANIWORLD_* variables,
 * reads its JSON log lines, and resolves once it printed its URL.
 */
export async function startApp(dirs: TempDirs, env: Record<string, string> = {}): Promise<AppProcess> {
  const proc = Bun.spawn([BINARY, "--port", "0", "--data-dir", dirs.dataDir, "--library", dirs.library], {
    cwd: dirs.root,
    env: { ...process.env, ANIWORLD_LOG_LEVEL: "info", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const records: Record<string, unknown>[] = [];
  let buffered = "";
  const started = Promise.withResolvers<string>();
  const setupToken = Promise.withResolvers<string>();
  let newestSetupToken: string | null = null;
  const decoder = new TextDecoder();
  void (async () => {
    const reader = proc.stdout.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buffered += decoder.decode(r.value, { stream: true });
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          records.push(record);
          if (typeof record.url === "string") started.resolve(record.url);
          if (typeof record.setupToken === "string") {
            newestSetupToken = record.setupToken;
            setupToken.resolve(record.setupToken);
          }
        } catch {
          // Not JSON (e.g. a crash message): kept out of records, visible in stderr below.
        }
      }
    }
  })();
  const stderr = new Response(proc.stderr).text();
  const timeout = Bun.sleep(15_000).then(() => null);
  const url = await Promise.race([started.promise, proc.exited.then(() => null), timeout]);
  if (!url) {
    proc.kill();
    throw new Error(`the executable did not start:\n${JSON.stringify(records)}\n${await stderr}`);
  }
  return {
    url,
    dataDir: dirs.dataDir,
    library: dirs.library,
    records,
    setupToken(timeoutMs = 10_000) {
      if (newestSetupToken !== null) return Promise.resolve(newestSetupToken);
      return Promise.race([
        setupToken.promise,
        proc.exited.then(() => null),
        Bun.sleep(timeoutMs).then(() => null),
      ]);
    },
    async stop() {
      proc.kill("SIGTERM");
      const code = await Promise.race([proc.exited, Bun.sleep(5_000).then(() => null)]);
      if (code !== null) return code;
      proc.kill("SIGKILL");
      return await proc.exited;
    },
  };
}
