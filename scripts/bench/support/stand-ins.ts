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
 * The catalogue and TMDB stand-ins in a helper process of their own (see stand-ins-process.ts for why):
 * the bench process then only generates load and measures, the app process only serves.
 */
export async function startStandIns(count: number, tmdbApiKey: string): Promise<StandIns> {
  const child = spawnChild([
    process.execPath,
    join(import.meta.dir, "stand-ins-process.ts"),
    String(count),
    tmdbApiKey,
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
