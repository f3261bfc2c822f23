/**
 * The project's test command (`npm test` / `bun run test`): server, shared and db tests under `bun test`,
 * DOM component tests under vitest + happy-dom (their own process: happy-dom replaces globals), and the
 * browser end-to-end tests when ANIWORLD_E2E=1. Ends with one line "N passed, N failed".
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..");
const extra = process.argv.slice(2);

interface Outcome {
  name: string;
  passed: number;
  failed: number;
  exitCode: number;
}

async function runAndCount(
  name: string,
  cmd: string[],
  count: (out: string) => { passed: number; failed: number },
): Promise<Outcome> {
  console.log(`\n=== ${name}: ${cmd.join(" ")}`);
  const proc = Bun.spawn(cmd, {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  let out = "";
  const pump = async (stream: ReadableStream<Uint8Array>, sink: NodeJS.WriteStream) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const text = decoder.decode(r.value, { stream: true });
      out += text;
      sink.write(text);
    }
  };
  await Promise.all([pump(proc.stdout, process.stdout), pump(proc.stderr, process.stderr)]);
  const exitCode = await proc.exited;
  const counted = count(out);
  // A runner that died without reporting counts as one failure, never as silence.
  if (exitCode !== 0 && counted.failed === 0) counted.failed = 1;
  return { name, exitCode, ...counted };
}

const bunCount = (out: string) => ({
  passed: Number(/^\s*(\d+) pass$/m.exec(out)?.[1] ?? 0),
  failed: Number(/^\s*(\d+) fail$/m.exec(out)?.[1] ?? 0),
});
const vitestCount = (out: string) => {
  const line = /^\s*Tests\s+(.*)$/m.exec(out)?.[1] ?? "";
  return {
    passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0),
    failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0),
  };
};

const hasTests = (dir: string) =>
  existsSync(join(root, dir)) &&
  readdirSync(join(root, dir), { recursive: true }).some((f) => /\.test\.tsx?$/.test(String(f)));

const outcomes: Outcome[] = [];
const bunDirs = ["tests/server", "tests/shared", "tests/db", "tests/scripts"]
  .filter(hasTests)
  .map((d) => `./${d}`);
// Generous per-test limit: argon2 hashing (64 MiB each) in parallel is slow on a loaded 2-core CI machine.
outcomes.push(
  await runAndCount(
    "bun test",
    [process.execPath, "test", "--timeout", "60000", ...bunDirs, ...extra],
    bunCount,
  ),
);
if (hasTests("tests/client"))
  outcomes.push(await runAndCount("vitest (DOM)", [process.execPath, "x", "vitest", "run"], vitestCount));
if (process.env.ANIWORLD_E2E === "1" && hasTests("tests/e2e"))
  outcomes.push(
    await runAndCount(
      "end-to-end (Chromium)",
      [process.execPath, "test", "./tests/e2e", "--timeout", "120000"],
      bunCount,
    ),
  );

const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
console.log("");
for (const o of outcomes)
  console.log(
    `${o.name}: ${o.passed} passed, ${o.failed} failed${o.exitCode ? ` (exit ${o.exitCode})` : ""}`,
  );
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || outcomes.some((o) => o.exitCode !== 0) ? 1 : 0);
