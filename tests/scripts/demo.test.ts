import { expect, test } from "bun:test";
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { openDatabase } from "../../db/connection.ts";
import { SettingsService } from "../../server/settings/settings-service.ts";
import { waitFor } from "../helpers/test-server.ts";

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

test("bun run demo -- --blocked: search says how to get through; with the printed FlareSolverr URL set it works", async () => {
  const demo = Bun.spawn([process.execPath, join(root, "scripts", "demo.ts"), "--blocked"], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ANIWORLD_DEMO_NO_BUILD: "1", ANIWORLD_PORT: "0" },
  });
  const decoder = new TextDecoder();
  const read = async (stream: ReadableStream<Uint8Array>, until: (text: string) => boolean) => {
    const reader = stream.getReader();
    let text = "";
    while (!until(text)) {
      const r = await reader.read();
      if (r.done) break;
      text += decoder.decode(r.value, { stream: true });
    }
    reader.releaseLock();
    return text;
  };
  const out = await read(demo.stdout, (t) => t.split("\n").length >= 4);
  const err = await read(demo.stderr, (t) => /FlareSolverr URL (\S+)/.test(t));
  const [urlLine, tokenLine, libraryLine] = out.trim().split("\n");
  const url = urlLine?.slice("url: ".length) ?? "";
  const token = tokenLine?.slice("token: ".length) ?? "";
  const library = libraryLine?.slice("library: ".length) ?? "";
  const solverUrl = /FlareSolverr URL (\S+)/.exec(err)?.[1] ?? "";
  try {
    const setup = await fetch(`${url}/trpc/auth.setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, username: "demo", password: `demo-${crypto.randomUUID()}` }),
    });
    const cookie = setup.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const search = () =>
      fetch(`${url}/trpc/catalog.search?input=${encodeURIComponent(JSON.stringify({ query: "Blaue" }))}`, {
        headers: { cookie },
      }).then((r) => r.json() as Promise<{ result?: { data: unknown[] }; error?: { message: string } }>);
    const blocked = await search();
    expect(blocked.error?.message).toContain("set a FlareSolverr URL in Settings → Connections");
    const set = await fetch(`${url}/trpc/settings.update`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: url },
      body: JSON.stringify({ flaresolverrUrl: solverUrl }),
    });
    expect(set.status).toBe(200);
    expect((await search()).result?.data.length).toBeGreaterThan(0);
  } finally {
    demo.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    rmSync(dirname(library), { recursive: true, force: true });
  }
}, 60_000);

test("bun run demo --webhook prints the notifications its webhook receiver gets", async () => {
  const demo = Bun.spawn([process.execPath, join(root, "scripts", "demo.ts"), "--webhook"], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ANIWORLD_DEMO_NO_BUILD: "1", ANIWORLD_PORT: "0" },
  });
  const decoder = new TextDecoder();
  let out = "";
  let err = "";
  void (async () => {
    const reader = demo.stderr.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) err += decoder.decode(r.value);
  })();
  const reader = demo.stdout.getReader();
  while (out.split("\n").length < 4) {
    const r = await reader.read();
    if (r.done) break;
    out += decoder.decode(r.value, { stream: true });
  }
  const [urlLine, tokenLine, libraryLine] = out.trim().split("\n");
  const url = urlLine!.slice("url: ".length);
  const library = libraryLine!.slice("library: ".length);
  try {
    const setup = await fetch(`${url}/trpc/auth.setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: tokenLine!.slice("token: ".length),
        username: "demo",
        password: `demo-${crypto.randomUUID()}`,
      }),
    });
    const cookie = setup.headers.getSetCookie()[0]!.split(";")[0]!;
    const input = encodeURIComponent(JSON.stringify({ query: "Blaue" }));
    const search = (await (
      await fetch(`${url}/trpc/catalog.search?input=${input}`, { headers: { cookie } })
    ).json()) as { result: { data: { catalogKey: string }[] } };
    const first = search.result.data[0]!;
    const add = await fetch(`${url}/trpc/series.add`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ catalogKey: first.catalogKey }),
    });
    expect(add.status).toBe(200);
    await waitFor(
      () => err.includes('"event":"series.added"'),
      "the webhook receiver to print the notification",
    );
    const line = err.split("\n").find((l) => l.includes('"event":"series.added"'))!;
    const payload = JSON.parse(line.slice(line.indexOf("{"))) as { title: string; series: { id: number } };
    expect(line.startsWith("webhook received: ")).toBe(true);
    expect(payload.title).toStartWith("Added: ");
    expect(payload.series.id).toBeGreaterThan(0);
  } finally {
    demo.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    rmSync(dirname(library), { recursive: true, force: true });
  }
}, 60_000);
