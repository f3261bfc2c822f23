import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { startCatalogueServer } from "../../../scripts/stand-ins/catalogue-server.ts";
import {
  type FlareSolverrServer,
  startFlareSolverrServer,
} from "../../../scripts/stand-ins/flaresolverr-server.ts";
import { type HosterServer, startHosterServer } from "../../../scripts/stand-ins/hoster-server.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const root = join(import.meta.dir, "..", "..", "..");
const catalogue = startCatalogueServer({ count: 2, challenge: true });
let solver: FlareSolverrServer;
let hoster: HosterServer;
const tmp = tempDir();
beforeAll(async () => {
  solver = startFlareSolverrServer(catalogue.gate);
  hoster = await startHosterServer();
});
afterAll(async () => {
  await Promise.all([catalogue.stop(), solver.stop(), hoster.stop()]);
  tmp.cleanup();
});

async function doctor(extra: string[]): Promise<{ code: number; out: string }> {
  const proc = Bun.spawn(
    [
      process.execPath,
      join(root, "server", "main.ts"),
      "doctor",
      "--data-dir",
      join(tmp.path, "data"),
      "--library",
      tmp.path,
      "--catalog-url",
      catalogue.url,
      "--tmdb-url",
      `${hoster.url}/tmdb-absent`,
      "--hoster-url",
      hoster.url,
      ...extra,
    ],
    { stdout: "pipe", stderr: "pipe", env: { ...process.env, ANIWORLD_ALLOW_PRIVATE_HOSTS: "1" } },
  );
  const [code, out] = await Promise.all([proc.exited, new Response(proc.stdout).text()]);
  return { code, out };
}

test("doctor: a blocked catalogue fails with the advice; with FlareSolverr it passes", async () => {
  const blocked = await doctor([]);
  expect(blocked.code).toBe(1);
  expect(blocked.out).toContain("FAIL  Catalogue");
  expect(blocked.out).toContain("set a FlareSolverr URL in Settings → Connections");
  expect(blocked.out).toMatch(/ok +Hoster 127\.0\.0\.1/);

  const solved = await doctor(["--flaresolverr-url", solver.url, "--json"]);
  const lines = solved.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; status: string; detail: string });
  expect(lines.find((l) => l.id === "catalogue")?.status).toBe("ok");
  expect(lines.find((l) => l.id === "flaresolverr")?.detail).toContain("3.4.0-standin");
  expect(lines.find((l) => l.id === "tmdb")?.status).toBe("warn");
  expect(solved.code).toBe(0);
}, 30_000);
