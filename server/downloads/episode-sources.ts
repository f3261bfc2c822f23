import type { EpisodeRow, SeriesRow } from "../../db/schema/index.ts";
import { type HosterLink, slugOf } from "../../shared/catalog.ts";
import type { EpisodeSource } from "../../shared/downloads.ts";
import { AppError } from "../../shared/errors.ts";
import { messageOf } from "../lib/error-message.ts";
import type { CatalogProvider } from "../providers/contracts.ts";
import type { ExtractorRegistry } from "./hosters/extractor-registry.ts";

/**
 * The hoster links the catalogue offers for an episode right now, one per language and hoster, each
 * marked whether a downloader exists for it: what the series page lists for a manual choice.
 */
export async function episodeSources(
  catalog: CatalogProvider,
  extractors: ExtractorRegistry,
  row: { episode: EpisodeRow; series: SeriesRow },
  signal?: AbortSignal,
): Promise<EpisodeSource[]> {
  let links: HosterLink[];
  try {
    links = await catalog.getStreams(
      slugOf(row.series.catalogKey),
      row.episode.season,
      row.episode.number,
      signal,
    );
  } catch (error) {
    const reason = messageOf(error);
    throw new AppError("INTERNAL", `the catalogue gave no hoster links: ${reason}`, { cause: error });
  }
  const seen = new Set<string>();
  const out: EpisodeSource[] = [];
  for (const link of links) {
    const key = `${link.language}/${link.hoster.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      language: link.language,
      hoster: link.hoster,
      supported: extractors.get(link.hoster) !== null,
    });
  }
  return out;
}
