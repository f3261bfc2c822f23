import { join } from "node:path";
import { spawnChild } from "./child-process.ts";

export interface StandIns {
  catalogUrl: string;
  tmdbUrl: string;
  tmdbImageUrl: string;
  slugs: string[];
  stop(): Promise<void>;
}

/**
 * The catalogue, TMDB and hoster stand-ins in a helper process of their own (see stand-ins-process.ts for
 * why): the bench process then only generates load and measures, the app process only serves. The
 * catalogue's episode links lead to the hoster stand-in, which sends each video (a file, or all the HLS
 * segments of one) at most at `hosterBytesPerSecond` (0 = as fast as loopback goes).
 */
export async function startStandIns(
  count: number,
  tmdbApiKey: string,
  hosterBytesPerSecond = 0,
): Promise<StandIns> {
  const child = spawnChild([
    process.execPath,
    join(import.meta.dir, "stand-ins-process.ts"),
    String(count),
    tmdbApiKey,
    String(hosterBytesPerSecond),
  ]);
  const ready = await child.waitFor((r) =>
    typeof r.catalogUrl === "string" ? (r as Omit<StandIns, "stop">) : undefined,
  );
  return {
    ...ready,
    async stop() {
      await child.stop(2_000);
    },
  };
}
