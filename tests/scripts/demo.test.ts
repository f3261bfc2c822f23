import { expect, test } from "bun:test";
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { openDatabase } from "../../db/connection.ts";
import { SettingsService } from "../../server/services/settings-service.ts";

const root = join(import.meta.dir, "..", "..");

test("bun run demo prints url, token and library; the app answers and has the TMDB key; Ctrl-C stops it all", async () => {
  const demo = Bun.spawn([process.execPath, join(root, "scripts", "demo.ts")], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ANIWORLD_DEMO_NO_BUILD: "1", ANIWORLD_PORT: "0" },
  });
  const reader = demo.stdout.getReader();
  const decoder = new TextDecoder();
  let out = "";
  while (out.split("\n").length < 4) {
    const r = await reader.read();
    if (r.done) break;
    out += decoder.decode(r.value, { stream: true });
  }
  const lines = out.trim().split("\n");
  expect(lines.map((l) => l.split(":")[0])).toEqual(["url", "token", "library"]);
  const url = lines[0]!.slice("url: ".length);
  const library = lines[2]!.slice("library: ".length);
  expect(lines[1]!.length).toBeGreaterThan("token: ".length);
  try {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(existsSync(library)).toBe(true);
    const db = openDatabase(join(dirname(library), "data"), { migrate: false });
    expect(new SettingsService(db.db).get().tmdbApiKey.length).toBeGreaterThan(0);
    db.close();
  } finally {
    demo.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    rmSync(dirname(library), { recursive: true, force: true });
  }
  expect(
    await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => "down",
    ),
  ).toBe("down");
}, 60_000);
