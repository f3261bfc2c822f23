import { and, asc, desc, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { EpisodeListing, HistoryResult, HistoryRow, Page, WANTED_SORTS } from "../../shared/activity.ts";
import { FINISHED_STATES } from "../../shared/downloads.ts";
import type { Language } from "../../shared/languages.ts";
import type { Db } from "../connection.ts";
import { downloads, episodes, series } from "../schema/index.ts";
import { type MissingRule, missingCondition } from "./series-repository.ts";

type WantedSort = (typeof WANTED_SORTS)[number];

// Aliased as e and s, the names missingCondition (the one missing rule) is written against.
const e = alias(episodes, "e");
const s = alias(series, "s");
const listing = {
  episodeId: e.id,
  seriesId: s.id,
  seriesTitle: s.title,
  season: e.season,
  episode: e.number,
  titleDe: e.titleDe,
  titleEn: e.titleEn,
  airDate: e.airDate,
  languages: e.languages,
  filePath: e.filePath,
};
type ListingRow = {
  episodeId: number;
  seriesId: number;
  seriesTitle: string;
  season: number;
  episode: number;
  titleDe: string | null;
  titleEn: string | null;
  airDate: string | null;
  languages: string[];
  filePath: string | null;
};
const toListing = (r: ListingRow): EpisodeListing => ({
  episodeId: r.episodeId,
  seriesId: r.seriesId,
  seriesTitle: r.seriesTitle,
  season: r.season,
  episode: r.episode,
  title: r.titleDe || r.titleEn,
  airDate: r.airDate,
  languages: r.languages,
  onDisk: r.filePath !== null,
});

/** Read-only, paged views across the library: wanted episodes, the calendar, the download history. */
export class EpisodeListingRepository {
  constructor(private readonly db: Db) {}

  /** Missing episodes (listed by the catalogue, not on disk, offered as the rule asks), one page. */
  wanted(
    input: {
      sort: WantedSort;
      descending: boolean;
      limit: number;
      offset: number;
      seriesId?: number | undefined;
      search?: string | undefined;
    },
    rule: MissingRule,
  ): Page<EpisodeListing> {
    const conditions: SQL[] = [missingCondition(rule), eq(e.monitored, true)];
    if (input.seriesId !== undefined) conditions.push(eq(e.seriesId, input.seriesId));
    if (input.search) {
      const term = `%${input.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      const match = or(
        sql`${s.title} like ${term} escape '\\'`,
        sql`${e.titleDe} like ${term} escape '\\'`,
        sql`${e.titleEn} like ${term} escape '\\'`,
      );
      if (match) conditions.push(match);
    }
    const where = and(...conditions);
    const dir = input.descending ? desc : asc;
    const order =
      input.sort === "series"
        ? [dir(s.title), asc(e.season), asc(e.number)]
        : input.sort === "episode"
          ? [dir(e.season), dir(e.number), asc(s.title)]
          : [
              // Unknown air dates last in either direction.
              sql`${e.airDate} is null`,
              dir(e.airDate),
              asc(s.title),
              asc(e.season),
              asc(e.number),
            ];
    const items = this.db
      .select(listing)
      .from(e)
      .innerJoin(s, eq(e.seriesId, s.id))
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset)
      .all()
      .map(toListing);
    const total =
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(e)
        .innerJoin(s, eq(e.seriesId, s.id))
        .where(where)
        .get()?.n ?? 0;
    return { items, total };
  }

  /** Episodes that air (or aired) between two days, inclusive, by air date. */
  calendar(input: { from: string; to: string; monitoredOnly: boolean }): EpisodeListing[] {
    const conditions: SQL[] = [gte(e.airDate, input.from), lte(e.airDate, `${input.to}\uffff`)];
    if (input.monitoredOnly) conditions.push(eq(s.monitored, true));
    return this.db
      .select(listing)
      .from(e)
      .innerJoin(s, eq(e.seriesId, s.id))
      .where(and(...conditions))
      .orderBy(asc(e.airDate), asc(s.title), asc(e.season), asc(e.number))
      .limit(5000)
      .all()
      .map(toListing);
  }

  /** Finished downloads, newest first, filtered; one page. */
  history(filter: {
    seriesId?: number | undefined;
    episodeId?: number | undefined;
    result?: HistoryResult | undefined;
    fromMs?: number | undefined;
    toMs?: number | undefined;
    limit: number;
    offset: number;
  }): Page<HistoryRow> {
    const conditions: SQL[] = [inArray(downloads.state, [...FINISHED_STATES])];
    if (filter.seriesId !== undefined) conditions.push(eq(episodes.seriesId, filter.seriesId));
    if (filter.episodeId !== undefined) conditions.push(eq(downloads.episodeId, filter.episodeId));
    if (filter.result) conditions.push(eq(downloads.state, filter.result));
    if (filter.fromMs !== undefined) conditions.push(gte(downloads.finishedAt, filter.fromMs));
    if (filter.toMs !== undefined) conditions.push(lte(downloads.finishedAt, filter.toMs));
    const where = and(...conditions);
    const items = this.db
      .select({ download: downloads, episode: episodes, seriesId: series.id, seriesTitle: series.title })
      .from(downloads)
      .innerJoin(episodes, eq(downloads.episodeId, episodes.id))
      .innerJoin(series, eq(episodes.seriesId, series.id))
      .where(where)
      .orderBy(desc(downloads.finishedAt), desc(downloads.id))
      .limit(filter.limit)
      .offset(filter.offset)
      .all()
      .map(
        ({ download: d, episode: e, seriesId, seriesTitle }): HistoryRow => ({
          id: d.id,
          episodeId: e.id,
          seriesId,
          seriesTitle,
          season: e.season,
          episode: e.number,
          episodeTitle: e.titleDe || e.titleEn,
          result: d.state as HistoryResult,
          language: (d.language as Language | null) ?? null,
          hoster: d.hoster,
          attempts: d.attemptLog,
          // A completed row's `error` carries its note (see the queue service).
          error: d.error,
          targetPath: d.targetPath,
          bytes: d.state === "completed" ? d.bytesTotal : null,
          createdAt: d.createdAt,
          finishedAt: d.finishedAt,
        }),
      );
    const total =
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(downloads)
        .innerJoin(episodes, eq(downloads.episodeId, episodes.id))
        .where(where)
        .get()?.n ?? 0;
    return { items, total };
  }
}
