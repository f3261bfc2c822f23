import type { DownloadRepository } from "../../db/repositories/download-repository.ts";
import type { EpisodeRow, SeriesRow } from "../../db/schema/index.ts";
import type { EnqueueInput, EnqueueResult } from "../../shared/downloads.ts";
import { AppError } from "../../shared/errors.ts";
import type { Settings } from "../../shared/settings.ts";
import { allowedLanguages } from "./download-runner.ts";

/**
 * Which episodes an enqueue request means: the given ids, the missing episodes of a series (or one season)
 * or of several series (all of them must exist), every missing episode of the library, or one episode from a
 * chosen source. Episodes already on disk, or whose known languages include none
 * of the allowed ones, are skipped with a reason.
 */
export function enqueueTargets(
  repo: DownloadRepository,
  settings: Settings,
  input: EnqueueInput,
): { episodeIds: number[]; skipped: EnqueueResult["skipped"] } {
  let rows: { episode: EpisodeRow; series: SeriesRow }[];
  const skipped: EnqueueResult["skipped"] = [];
  if ("episodeIds" in input || "source" in input) {
    const unique = "source" in input ? [input.episodeId] : [...new Set(input.episodeIds)];
    rows = repo.episodesByIds(unique);
    const found = new Set(rows.map((r) => r.episode.id));
    for (const id of unique) if (!found.has(id)) skipped.push({ episodeId: id, reason: "no such episode" });
  } else if ("seriesId" in input) {
    if (!repo.seriesExists(input.seriesId)) throw new AppError("NOT_FOUND", `no series ${input.seriesId}`);
    rows = repo.missingEpisodes({
      seriesId: input.seriesId,
      ...(input.season !== undefined ? { season: input.season } : {}),
    });
  } else if ("seriesIds" in input) {
    const unknown = input.seriesIds.filter((id) => !repo.seriesExists(id));
    if (unknown.length) throw new AppError("NOT_FOUND", `no series ${unknown.slice(0, 10).join(", ")}`);
    rows = input.seriesIds.flatMap((seriesId) => repo.missingEpisodes({ seriesId }));
  } else {
    rows = repo.missingEpisodes({});
  }
  const episodeIds: number[] = [];
  for (const { episode, series } of rows) {
    if (episode.filePath) {
      skipped.push({ episodeId: episode.id, reason: "already on disk" });
      continue;
    }
    const allowed = allowedLanguages(series.languages, settings.languages);
    if (episode.languages.length && !episode.languages.some((l) => (allowed as string[]).includes(l))) {
      skipped.push({
        episodeId: episode.id,
        reason: `not offered in an allowed language (${allowed.join(", ")})`,
      });
      continue;
    }
    episodeIds.push(episode.id);
  }
  return { episodeIds, skipped };
}
