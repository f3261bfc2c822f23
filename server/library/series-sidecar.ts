import { join } from "node:path";
import * as v from "valibot";
import { CatalogKeySchema } from "../../shared/catalog.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";

/**
 * `.aniworld.json` in every series folder the app creates: the folder's catalogue identity, written at
 * once by series.add (before any NFO exists), so a rescan after losing the database finds the series again.
 */
export const SIDECAR_NAME = ".aniworld.json";

export const SidecarSchema = v.object({
  catalogKey: CatalogKeySchema,
  title: v.pipe(v.string(), v.maxLength(500)),
  year: v.nullable(v.pipe(v.number(), v.integer())),
});
export type Sidecar = v.InferOutput<typeof SidecarSchema>;

export async function writeSeriesSidecar(seriesDir: string, sidecar: Sidecar): Promise<void> {
  const body = `${JSON.stringify({ ...sidecar, writtenBy: "aniworld" }, null, 2)}\n`;
  await writeFileAtomic(join(seriesDir, SIDECAR_NAME), body);
}

/** Reads the sidecar; null when absent or not valid (a hand-made folder, a damaged file). */
export async function readSeriesSidecar(seriesDir: string): Promise<Sidecar | null> {
  const file = Bun.file(join(seriesDir, SIDECAR_NAME));
  try {
    if (!(await file.exists())) return null;
    const parsed = v.safeParse(SidecarSchema, await file.json());
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
