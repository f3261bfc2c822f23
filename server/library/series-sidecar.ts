import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { CatalogKeySchema } from "../../shared/catalog.ts";
import { writeFileAtomicSync } from "../fs/atomic-write.ts";

/**
 * `.aniworld.json` in every series folder the app creates: the folder's catalogue identity, written at
 * once by series.add (before any NFO exists), so a rescan after losing the database finds the series again.
 * Written by the loader worker and read by it and the scan walker, each blocking its own worker thread
 * (see writeFileAtomicSync).
 */
export const SIDECAR_NAME = ".aniworld.json";

const SidecarSchema = v.object({
  catalogKey: CatalogKeySchema,
  title: v.pipe(v.string(), v.maxLength(500)),
  year: v.nullable(v.pipe(v.number(), v.integer())),
});
export type Sidecar = v.InferOutput<typeof SidecarSchema>;

export function writeSeriesSidecar(seriesDir: string, sidecar: Sidecar): void {
  const body = `${JSON.stringify({ ...sidecar, writtenBy: "aniworld" }, null, 2)}\n`;
  writeFileAtomicSync(join(seriesDir, SIDECAR_NAME), body);
}

/** Reads the sidecar; null when absent or not valid (a hand-made folder, a damaged file). */
export function readSeriesSidecar(seriesDir: string): Sidecar | null {
  let text: string;
  try {
    text = readFileSync(join(seriesDir, SIDECAR_NAME), "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = v.safeParse(SidecarSchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
