import { expect, test } from "bun:test";
import { join } from "node:path";
import { tempDir } from "../../helpers/temp-dir.ts";

const main = join(import.meta.dir, "..", "..", "..", "server", "main.ts");

function run(args: string[]) {
  return Bun.spawnSync([process.execPath, main, ...args], { stdout: "pipe", stderr: "pipe" });
}

test("--help documents every flag and its environment variable", () => {
  const r = run(["--help"]);
  expect(r.exitCode).toBe(0);
  const out = r.stdout.toString();
  for (const flag of ["--host", "--port", "--data-dir", "--library", "--log-level", "--help", "--version"])
    expect(out).toContain(flag);
  for (const env of ["ANIWORLD_HOST", "ANIWORLD_PORT", "ANIWORLD_DATA_DIR", "ANIWORLD_LIBRARY"])
    expect(out).toContain(env);
});

test("--version prints the version", () => {
  const r = run(["--version"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout.toString().trim()).toMatch(/^\d+\.\d+\.\d+/);
});

test("a bad flag exits 2 with a message on stderr", () => {
  const r = run(["--nope"]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr.toString()).toContain("unknown option --nope");
});

test("the real process serves, then exits 0 on SIGTERM within 3 s", async () => {
  const tmp = tempDir();
  const proc = Bun.spawn([process.execPath, main, "--port", "0", "--data-dir", join(tmp.path, "data")], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const reader = proc.stdout.getReader();
  let out = "";
  let url: string | undefined;
  while (!url) {
    const { value, done } = await reader.read();
    if (done) break;
    out += new TextDecoder().decode(value);
    url = /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1];
  }
  expect(url).toBeDefined();
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  const started = Date.now();
  proc.kill("SIGTERM");
  expect(await proc.exited).toBe(0);
  expect(Date.now() - started).toBeLessThan(3000);
  tmp.cleanup();
});
