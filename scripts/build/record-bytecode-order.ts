/**
 * Records which bytecode functions a typical session of dist/aniworld uses, into scripts/build/aniworld.order,
 * which `bun run build` passes to Bun as the bytecode layout profile (`compile.bytecodeOrder`): the functions
 * a session needs are stored together, so the executable reads and keeps less of itself (about 2 MB less
 * resident at idle, measured with the bench's memory group).
 *
 * The session: start with a fresh data dir, setup and sign-in, the web app's page, library pages with each
 * filter and sort, 20 series added and loaded from the bench's stand-ins (loader worker included), a full
 * scan, then a graceful stop (Bun writes the profile on exit). Record again when the profile's share of
 * "cold" functions grows (bytecodeOrderStats in bun:jsc); an old profile still applies, only less well.
 * Usage: bun run build && bun scripts/build/record-bytecode-order.ts && bun run build
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIBRARY_FILTERS, LIBRARY_SORTS } from "../../shared/series-list.ts";
import { loadersIdle, startLoadingBench } from "../bench/groups/loader.ts";
import { BYTECODE_ORDER_FILE } from "./bytecode-order-file.ts";

const root = join(import.meta.dir, "..", "..");
{
  if (!existsSync(join(root, "dist", "aniworld")))
    throw new Error("dist/aniworld is missing: run `bun run build`");
  const dir = mkdtempSync(join(tmpdir(), "aniworld-order-"));
  const out = join(dir, "serve.order");
  const run = await startLoadingBench(20, { binary: true, env: { BUN_BYTECODE_ORDER_OUT: out } });
  try {
    const { bench } = run;
    const get = async (path: string) => {
      const res = await fetch(`${bench.url}${path}`, { headers: bench.headers });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return res.text();
    };
    const page = await get("/");
    for (const asset of page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) await get(asset[1] ?? "/");
    await run.addAll();
    const failed = await loadersIdle(bench);
    if (failed > 0) throw new Error(`${failed} series failed to load`);
    for (const filter of LIBRARY_FILTERS)
      for (const sort of LIBRARY_SORTS)
        await get(`/trpc/series.list?input=${encodeURIComponent(JSON.stringify({ filter, sort }))}`);
    await get(`/trpc/series.list?input=${encodeURIComponent(JSON.stringify({ search: "a" }))}`);
    await bench.mutate("library.scan", {});
    await Bun.sleep(1_000);
  } finally {
    await run.close();
  }
  if (!existsSync(out)) throw new Error("the executable wrote no profile");
  const profile = readFileSync(out, "utf8");
  writeFileSync(BYTECODE_ORDER_FILE, profile);
  rmSync(dir, { recursive: true, force: true });
  console.log(`recorded ${profile.split("\n").length - 1} functions into ${BYTECODE_ORDER_FILE}`);
}
