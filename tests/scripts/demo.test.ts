import { expect, test } from "bun:test";
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { openDatabase } from "../../db/connection.ts";
import { SettingsService } from "../../server/settings/settings-service.ts";

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
  const token = lines[1]!.slice("token: ".length);
  expect(token).not.toContain("not available");
  try {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The setup token works, and a signed-in search reaches the stand-in catalogue (offline).
    const setup = await fetch(`${url}/trpc/auth.setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, username: "demo", password: `demo-${crypto.randomUUID()}` }),
    });
    expect(setup.status).toBe(200);
    const cookie = setup.headers.getSetCookie()[0]!.split(";")[0]!;
    const input = encodeURIComponent(JSON.stringify({ query: "Blaue" }));
    const search = (await (
      await fetch(`${url}/trpc/catalog.search?input=${input}`, { headers: { cookie } })
    ).json()) as {
      result: { data: { title: string }[] };
    };
    expect(search.result.data.length).toBeGreaterThan(1);
    expect(search.result.data[0]!.title).toContain("Blaue");
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
