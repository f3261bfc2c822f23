import * as v from "valibot";

/** TMDB answers as far as Aniworld reads them; everything optional, so a missing field never fails a parse. */
const str = v.optional(v.nullable(v.string()), null);
const num = v.optional(v.nullable(v.number()), null);

export const TvResultSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: v.optional(v.nullable(v.string()), ""),
  original_name: str,
  first_air_date: str,
  overview: str,
  popularity: num,
});
export type TvResult = v.InferOutput<typeof TvResultSchema>;

/** A list whose entries are checked one by one later (validEntries), so one odd entry is just skipped. */
const lenientList = v.optional(v.nullable(v.array(v.unknown())), []);

export const SearchTvSchema = v.object({ results: lenientList });
export const FindSchema = v.object({ tv_results: lenientList });

export const ImageSchema = v.object({
  file_path: v.pipe(v.string(), v.regex(/^\/[A-Za-z0-9_-]{1,120}\.(jpg|jpeg|png|svg)$/)),
  iso_639_1: str,
  vote_average: num,
  vote_count: num,
  width: num,
});
export type TmdbImage = v.InferOutput<typeof ImageSchema>;

const named = v.optional(
  v.nullable(v.array(v.object({ name: v.optional(v.nullable(v.string()), null) }))),
  [],
);

export const TvDetailsSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: v.optional(v.nullable(v.string()), ""),
  original_name: str,
  overview: str,
  first_air_date: str,
  last_air_date: str,
  status: str,
  genres: named,
  networks: named,
  production_companies: named,
  vote_average: num,
  vote_count: num,
  poster_path: str,
  backdrop_path: str,
  seasons: v.optional(
    v.nullable(
      v.array(
        v.object({ season_number: v.number(), poster_path: str, name: str, air_date: str, overview: str }),
      ),
    ),
    [],
  ),
  external_ids: v.optional(v.nullable(v.object({ imdb_id: str, tvdb_id: num })), null),
  content_ratings: v.optional(
    v.nullable(
      v.object({
        results: v.optional(v.array(v.object({ iso_3166_1: v.string(), rating: v.string() })), []),
      }),
    ),
    null,
  ),
  images: v.optional(
    v.nullable(v.object({ posters: lenientList, backdrops: lenientList, logos: lenientList })),
    null,
  ),
});

export const SeasonSchema = v.object({
  season_number: v.optional(v.number(), 0),
  poster_path: str,
  episodes: v.optional(
    v.nullable(
      v.array(
        v.object({
          id: num,
          episode_number: v.number(),
          season_number: v.optional(v.number(), 0),
          name: str,
          overview: str,
          air_date: str,
          still_path: str,
          vote_average: num,
        }),
      ),
    ),
    [],
  ),
});
export type SeasonRaw = v.InferOutput<typeof SeasonSchema>;

/** Keeps the entries of a list that match `schema`; one odd entry does not lose the others. */
export function validEntries<T extends v.GenericSchema>(
  list: unknown[] | null | undefined,
  schema: T,
): v.InferOutput<T>[] {
  const out: v.InferOutput<T>[] = [];
  for (const entry of list ?? []) {
    const parsed = v.safeParse(schema, entry);
    if (parsed.success) out.push(parsed.output);
  }
  return out;
}
