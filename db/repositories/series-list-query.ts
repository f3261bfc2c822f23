import type { Database, Statement } from "bun:sqlite";
import {
  DEFAULT_ORDER,
  LIBRARY_FILTERS,
  type LibraryFilter,
  type LibrarySort,
  type SeriesListPage,
  type SeriesListQuery,
  type SeriesSummary,
} from "../../shared/series-list.ts";
import { LOADING_STATUSES } from "../../shared/series-loading.ts";
import {
  type MissingRule,
  missingColumn,
  SUMMARY_FROM,
  type SummaryRow,
  summaryColumns,
  summaryOf,
} from "./series-summaries.ts";

type Param = string | number;

const STILL_LOADING = LOADING_STATUSES.filter((s) => s !== "completed" && s !== "failed");
const LOADING_IN = `(${STILL_LOADING.map((s) => `'${s}'`).join(", ")})`;

/**
 * The filter as SQL. `indexed` false writes the column as `+column`, which keeps SQLite from choosing the
 * filter's index: for a filter most series pass (missing, monitored) reading the sort's index in order and
 * skipping the few that fail beats collecting tens of thousands of matches and sorting them.
 */
function filterSql(filter: LibraryFilter, missing: string, indexed = true): string | null {
  const plus = indexed ? "" : "+";
  switch (filter) {
    case "all":
      return null;
    case "missing":
      return `${plus}${missing} > 0`;
    case "loading":
      return `s.loading_status IN ${LOADING_IN}`;
    case "failed":
      return `s.loading_status = 'failed'`;
    case "monitored":
      return `${plus}s.monitored = 1`;
    case "unmonitored":
      return `${plus}s.monitored = 0`;
  }
}

/** Rare filters: reading their index and sorting the matches is the cheap way round. */
const SELECTIVE = new Set<LibraryFilter>(["loading", "failed"]);

/**
 * The sort as ORDER BY terms, each fully ordered (ties end on the id) and shaped like an index
 * (series_title_idx, series_year_idx, series_counters_*_idx + its rowid), so a window reads the index in
 * order. Missing ties go newest first: ordering them by title would sort every series with that count.
 */
function orderTerms(sort: LibrarySort, missing: string): [string, "ASC" | "DESC"][] {
  switch (sort) {
    case "title":
      return [
        ["s.title COLLATE NOCASE", "ASC"],
        ["s.id", "ASC"],
      ];
    case "year":
      return [
        ["s.year", "DESC"],
        ["s.title COLLATE NOCASE", "ASC"],
        ["s.id", "ASC"],
      ];
    case "missing":
      return [
        [missing, "DESC"],
        ["c.series_id", "DESC"],
      ];
    case "added":
      return [["s.id", "DESC"]];
  }
}

/** ORDER BY for the sort in its default order, flipped term by term when `flip` (the other order). */
function orderSql(sort: LibrarySort, missing: string, flip: boolean): string {
  return orderTerms(sort, missing)
    .map(([term, dir]) => `${term} ${flip === (dir === "ASC") ? "DESC" : "ASC"}`)
    .join(", ");
}

/**
 * A title search as SQL. Three characters or more go through the trigram FTS5 index (series_search);
 * one or two cannot (a trigram needs three) and fall back to LIKE, which reads the title index.
 */
function searchSql(text: string): { sql: string; param: string; fts: boolean } | null {
  const needle = text.trim();
  if (!needle) return null;
  if ([...needle].length >= 3)
    return {
      sql: "s.id IN (SELECT rowid FROM series_search WHERE series_search MATCH ?)",
      param: `"${needle.replaceAll('"', '""')}"`,
      fts: true,
    };
  return {
    sql: "s.title LIKE ? ESCAPE '\\'",
    fts: false,
    param: `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
  };
}

/**
 * A window of a rare filter (loading, failed): the window's ids are picked inside series_status_title_idx,
 * which holds the filter and every series sort key, so the few thousand matches are sorted without reading
 * their rows (the `+` keeps SQLite from walking a sort's index over the whole library instead); only the
 * window's rows are then read. In-process at 100,000 series with 2,000 matches (p50): 0.2–0.5 ms, 2–5 ms
 * for the missing sort (it looks up the counters row of every match), against 4–15 ms when the rows are
 * read to be sorted.
 */
function selectiveRowsSql(columns: string, where: string, order: string, byCounters: boolean): string {
  // Only the missing sort needs the counters to pick the window (no rare filter or search reads them).
  const pick = byCounters ? SUMMARY_FROM : "FROM series s";
  return `SELECT ${columns} ${SUMMARY_FROM}
    WHERE s.id IN (SELECT s.id ${pick} ${where} ORDER BY +${order} LIMIT ? OFFSET ?)
    ORDER BY ${order}`;
}

/**
 * series.list as SQL: filter, search, sort and one window, served by indexes (series_title_idx,
 * series_year_idx, the counters' missing indexes, series_search), so a window and its total cost the same
 * whatever the library's size, except a search or filter total, which grows with the number of matches.
 * Statements are prepared once per shape (filter × sort × order × rule × search kind: a few dozen at most).
 */
export class SeriesListQueries {
  private readonly statements = new Map<string, Statement<SummaryRow | { n: number }, Param[]>>();
  private readonly version: Statement<{ changes: number; dataVersion: number }, []>;
  private cachedCounts: { key: string; counts: Record<LibraryFilter, number> } | null = null;

  constructor(private readonly sqlite: Database) {
    this.version = sqlite.prepare(
      "SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS dataVersion",
    );
  }

  page(query: SeriesListQuery, rule: MissingRule): SeriesListPage {
    const missing = missingColumn(rule);
    const where: string[] = [];
    const params: Param[] = [];
    const filter = filterSql(query.filter, missing, SELECTIVE.has(query.filter));
    if (filter) where.push(filter);
    const search = searchSql(query.search);
    if (search) {
      where.push(search.sql);
      params.push(search.param);
    }
    if (query.catalogKeys) {
      where.push("s.catalog_key IN (SELECT value FROM json_each(?))");
      params.push(JSON.stringify(query.catalogKeys.map((k) => k.toLowerCase())));
    }
    const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const counts = this.counts(rule);
    const total =
      !search && !query.catalogKeys
        ? counts[query.filter]
        : search?.fts && !filter && !query.catalogKeys
          ? // The title index holds every series once: its matches are the answer (no join to count).
            this.count("SELECT count(*) AS n FROM series_search WHERE series_search MATCH ?", [search.param])
          : this.count(`SELECT count(*) AS n ${SUMMARY_FROM} ${whereSql}`, params);
    const reversed = (query.order ?? DEFAULT_ORDER[query.sort]) !== DEFAULT_ORDER[query.sort];
    // A window in the second half is read from the far end in the opposite order (then turned round), so
    // the last window (the End key) costs what the first does instead of skipping 100,000 index entries.
    const fromEnd = query.offset > total / 2;
    const limit = fromEnd ? Math.max(0, Math.min(query.limit, total - query.offset)) : query.limit;
    const offset = fromEnd ? Math.max(0, total - query.offset - limit) : query.offset;
    // A search matching more than 1 in 20 series is cheaper read along the sort's index, probing the
    // matches, than by sorting thousands of them (`+` keeps SQLite off the id lookup; 42 → 7 ms for 20,000
    // matches of 100,000 in a probe); a narrow one the other way round.
    const rowsWhere =
      search && total * 20 > counts.all ? whereSql.replace(search.sql, `+${search.sql}`) : whereSql;
    const order = orderSql(query.sort, missing, reversed !== fromEnd);
    const columns = summaryColumns(rule);
    const rowsSql = SELECTIVE.has(query.filter)
      ? selectiveRowsSql(columns, rowsWhere, order, query.sort === "missing")
      : `SELECT ${columns} ${SUMMARY_FROM} ${rowsWhere} ORDER BY ${order} LIMIT ? OFFSET ?`;
    const raw = limit > 0 ? (this.prepare(rowsSql).all(...params, limit, offset) as SummaryRow[]) : [];
    if (fromEnd) raw.reverse();
    return { rows: raw.map(summaryOf), total, offset: query.offset, counts };
  }

  /** The row series.list shows for one series (series.get's summary); null for an unknown id. */
  summary(id: number, rule: MissingRule): SeriesSummary | null {
    const row = this.prepare(`SELECT ${summaryColumns(rule)} ${SUMMARY_FROM} WHERE s.id = ?`).get(id);
    return row ? summaryOf(row as SummaryRow) : null;
  }

  /**
   * Series per filter, each an index range count; reused while nothing was written (the key is this
   * connection's total_changes() and PRAGMA data_version, which moves when another connection commits).
   */
  counts(rule: MissingRule): Record<LibraryFilter, number> {
    const v = this.version.get();
    const key = `${v?.changes}:${v?.dataVersion}:${rule.mode}`;
    if (this.cachedCounts?.key === key) return this.cachedCounts.counts;
    const counts = {} as Record<LibraryFilter, number>;
    for (const f of LIBRARY_FILTERS) {
      const condition = filterSql(f, missingColumn(rule, ""));
      counts[f] =
        f === "missing"
          ? this.count(`SELECT count(*) AS n FROM series_counters WHERE ${condition}`, [])
          : this.count(`SELECT count(*) AS n FROM series s ${condition ? `WHERE ${condition}` : ""}`, []);
    }
    this.cachedCounts = { key, counts };
    return counts;
  }

  private count(sql: string, params: Param[]): number {
    const row = this.prepare(sql).get(...params) as { n: number } | null;
    return row?.n ?? 0;
  }

  private prepare(sql: string): Statement<SummaryRow | { n: number }, Param[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare<SummaryRow | { n: number }, Param[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
