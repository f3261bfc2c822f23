import { join } from "node:path";
import type { CatalogSeriesDetails } from "../../shared/catalog.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { TmdbShow } from "../providers/tmdb/tmdb-client.ts";
import { el, leaf, renderDocument, type XmlNode } from "./xml-writer.ts";

export const TVSHOW_NFO = "tvshow.nfo";

/** Every id we know for a series; `aniworld` (the slug) is always present so the scanner knows the folder. */
export interface SeriesIds {
  aniworld: string;
  tmdb: number | null;
  imdb: string | null;
  tvdb: number | null;
}

/**
 * tvshow.nfo in the Kodi/Jellyfin format (facts/media-server.md). TMDB facts win where present; the
 * catalogue fills the rest, so a series without a TMDB key still gets title, plot, years, genres and ids.
 */
export function buildTvshowNfo(
  details: CatalogSeriesDetails,
  show: TmdbShow | null,
  language: string,
): string {
  const ids: SeriesIds = {
    aniworld: details.slug,
    tmdb: show?.id ?? null,
    imdb: show?.imdbId ?? details.imdbId,
    tvdb: show?.tvdbId ?? null,
  };
  const premiered = show?.firstAirDate ?? null;
  const year = premiered ? Number(premiered.slice(0, 4)) : details.startYear;
  const ended = show ? /^(ended|canceled|cancelled)$/i.test(show.status ?? "") : details.endYear !== null;
  const country = language.split("-")[1] ?? "";
  const mpaa = show?.contentRating
    ? country === "DE" && /^\d+$/.test(show.contentRating)
      ? `FSK ${show.contentRating}`
      : show.contentRating
    : details.ageRating !== null
      ? `FSK ${details.ageRating}`
      : null;
  const genres = show?.genres.length ? show.genres : details.genres;
  const root = el(
    "tvshow",
    null,
    leaf("title", show?.name || details.title),
    leaf("originaltitle", show?.originalName ?? null),
    leaf("showtitle", show?.name || details.title),
    leaf("plot", show?.overview || details.description),
    leaf("mpaa", mpaa),
    leaf("premiered", premiered),
    leaf("enddate", ended ? (show?.lastAirDate ?? null) : null),
    leaf("year", year),
    leaf("status", show || details.startYear !== null ? (ended ? "Ended" : "Continuing") : null),
    ...genres.map((g) => leaf("genre", g)),
    ...(show?.studios ?? []).map((s) => leaf("studio", s)),
    ...details.alternativeTitles.map((t) => leaf("tag", t)),
    ratings(show),
    ...uniqueIds(ids),
    leaf("tmdbid", ids.tmdb),
    leaf("imdbid", ids.imdb),
    leaf("tvdbid", ids.tvdb),
    leaf("thumb", show?.posterUrl ?? details.coverUrl, { aspect: "poster" }),
    leaf("thumb", show?.logoUrl ?? null, { aspect: "clearlogo" }),
    show?.backdropUrl ? el("fanart", null, leaf("thumb", show.backdropUrl)) : null,
  );
  return renderDocument(root);
}

export function uniqueIds(ids: SeriesIds): XmlNode[] {
  const entries: [string, string | number | null][] = [
    ["tmdb", ids.tmdb],
    ["imdb", ids.imdb],
    ["tvdb", ids.tvdb],
    ["aniworld", ids.aniworld],
  ];
  const present = entries.filter((e): e is [string, string | number] => e[1] !== null && e[1] !== "");
  return present.map(([type, value], i) => ({
    name: "uniqueid",
    attrs: { type, default: i === 0 ? "true" : "false" },
    children: [String(value)],
  }));
}

function ratings(show: TmdbShow | null): XmlNode | null {
  if (!show || show.rating === null) return null;
  return el(
    "ratings",
    null,
    el(
      "rating",
      { name: "themoviedb", max: 10, default: "true" },
      leaf("value", show.rating),
      leaf("votes", show.votes),
    ),
  );
}

export async function writeTvshowNfo(seriesDir: string, xml: string): Promise<string> {
  const path = join(seriesDir, TVSHOW_NFO);
  await writeFileAtomic(path, xml);
  return path;
}
