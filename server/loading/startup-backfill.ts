import { join } from "node:path";
import type { Db } from "../../db/connection.ts";
import { foldersKnownOnDisk } from "../../db/repositories/series-repository.ts";
import { POSTER_FILES } from "../../shared/artwork.ts";
import type { LoadingStep } from "../../shared/series-loading.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import { presentSeriesFolders, unavailableLibrary } from "../library/library-availability.ts";

export interface IncompleteSeries {
  seriesId: number;
  status: string;
  /** Steps recorded as done whose files are no longer on disk. */
  vanished: LoadingStep[];
}

/** The files that prove a finished step is still there (any one of them). */
const PROOF_OF_STEP: Partial<Record<LoadingStep, readonly string[]>> = {
  nfo: ["tvshow.nfo"],
  logo: ["logo.png"],
  images: POSTER_FILES,
};

/**
 * Every series whose loading is not finished: by the database (status or a step flag), or because a step's
 * file vanished from disk. Checks the disk in batches and yields to the event loop between them, so a large
 * library does not stall requests at startup. None while the library folder looks unavailable (see
 * unavailableLibrary): then it says why.
 */
export async function findIncompleteSeries(
  db: Db,
  libraryRoot: string,
  options: { logosExpected: boolean; batch?: number },
): Promise<{ series: IncompleteSeries[] } | { unavailable: string }> {
  const batch = options.batch ?? 500;
  // Raw rows: mapping 10,000 rows through the query builder costs the start tens of milliseconds.
  const rows = db.$client
    .query<
      {
        id: number;
        folder: string;
        status: string;
        episodes: number;
        nfo: number;
        logo: number;
        noLogo: number;
        images: number;
      },
      []
    >(
      `SELECT id, folder, loading_status AS status, episodes_loaded AS episodes, nfo_loaded AS nfo,
         logo_loaded AS logo, logo_unavailable AS noLogo, images_loaded AS images FROM series ORDER BY id`,
    )
    .all();
  const unavailable = unavailableLibrary(foldersKnownOnDisk(db), presentSeriesFolders(libraryRoot));
  if (unavailable) return { unavailable };
  const out: IncompleteSeries[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % batch === 0) await Bun.sleep(0);
    const row = rows[i]!;
    const vanished: LoadingStep[] = [];
    let dir: string | null = null;
    try {
      dir = resolveInsideRoot(libraryRoot, row.folder);
    } catch {
      dir = null; // A stored folder outside the root is never touched; the job will fail with a message.
    }
    // Logos come only from TMDB: without a key a missing logo.png is expected, not vanished.
    const checked = options.logosExpected
      ? (["nfo", "logo", "images"] as const)
      : (["nfo", "images"] as const);
    for (const step of checked) {
      const files = PROOF_OF_STEP[step];
      // A logo step that found no logo wrote none: its absence is what it left, not a loss.
      if (step === "logo" && row.noLogo) continue;
      if (row[step] && dir && files && !(await anyExists(dir, files))) vanished.push(step);
    }
    const flagsDone = row.episodes && row.nfo && row.logo && row.images;
    if (row.status !== "completed" || !flagsDone || vanished.length)
      out.push({ seriesId: row.id, status: row.status, vanished });
  }
  return { series: out };
}

async function anyExists(dir: string, files: readonly string[]): Promise<boolean> {
  for (const file of files) if (await Bun.file(join(dir, file)).exists()) return true;
  return false;
}
