import { basename, dirname, extname, isAbsolute, join } from "node:path";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { SeriesIds } from "./tvshow-nfo.ts";
import { el, leaf, renderDocument } from "./xml-writer.ts";

/** What an episode NFO says; the caller merges catalogue titles and TMDB season data (metadata-writer.ts). */
export interface EpisodeNfoData {
  showTitle: string;
  season: number;
  episode: number;
  title: string | null;
  plot: string | null;
  /** yyyy-MM-dd */
  aired: string | null;
  rating: number | null;
  /** Episode-level ids (TMDB episode id); the series ids go in as well for readers that match on them. */
  tmdbEpisodeId: number | null;
  seriesIds: SeriesIds | null;
  /** Extra: the language the file holds, e.g. "German Dub" (written as a tag). */
  languageLabel?: string | null;
  /** File name of the episode thumbnail beside the video (`<video name>-thumb.jpg`), when one was written. */
  thumb?: string | null;
}

/** `<video file name without extension>.nfo`, root <episodedetails> (facts/media-server.md). */
export function episodeNfoPath(videoPath: string): string {
  return join(dirname(videoPath), `${basename(videoPath, extname(videoPath))}.nfo`);
}

/** `<video file name without extension>-thumb.jpg` beside the video (facts/media-server.md). */
export function episodeThumbPath(videoPath: string): string {
  return join(dirname(videoPath), `${basename(videoPath, extname(videoPath))}-thumb.jpg`);
}

export function buildEpisodeNfo(data: EpisodeNfoData): string {
  const ids =
    data.tmdbEpisodeId !== null
      ? [
          {
            name: "uniqueid",
            attrs: { type: "tmdb", default: "true" },
            children: [String(data.tmdbEpisodeId)],
          },
        ]
      : [];
  // Our own episode id (slug + position) lets the library scanner tie the file to its series without guessing.
  const own = data.seriesIds
    ? [
        {
          name: "uniqueid",
          attrs: { type: "aniworld", default: ids.length ? "false" : "true" },
          children: [`${data.seriesIds.aniworld}-s${data.season}e${data.episode}`],
        },
      ]
    : [];
  const title =
    data.title?.trim() || (data.season === 0 ? `Film ${data.episode}` : `Episode ${data.episode}`);
  return renderDocument(
    el(
      "episodedetails",
      null,
      leaf("title", title),
      leaf("showtitle", data.showTitle),
      leaf("season", data.season),
      leaf("episode", data.episode),
      leaf("displayseason", data.season),
      leaf("displayepisode", data.episode),
      leaf("aired", data.aired),
      leaf("plot", data.plot),
      leaf("thumb", data.thumb ?? null),
      leaf("rating", data.rating),
      leaf("tag", data.languageLabel ?? null),
      ...ids,
      ...own,
    ),
  );
}

/** Writes the NFO beside a video file (atomically); returns its path. */
export async function writeEpisodeNfo(videoPath: string, data: EpisodeNfoData): Promise<string> {
  if (!isAbsolute(videoPath)) throw new Error("writeEpisodeNfo needs an absolute video path");
  const path = episodeNfoPath(videoPath);
  await writeFileAtomic(path, buildEpisodeNfo(data));
  return path;
}
