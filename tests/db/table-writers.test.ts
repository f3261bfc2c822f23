import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * One repository owns the writes of each of these tables, so the counters and events that go with a write
 * live in one place. This reads every source file and lists the ones that write a table outside its owner
 * (raw SQL or drizzle's insert/update/delete).
 */

const root = join(import.meta.dir, "..", "..");
const OWNERS: Record<string, string> = {
  episodes: "db/repositories/episodes-repository.ts",
  series: "db/repositories/series-repository.ts",
  series_counters: "db/repositories/series-counters.ts",
};
const VARIABLE: Record<string, string> = {
  episodes: "episodes",
  series: "series",
  series_counters: "seriesCounters",
};

function sources(): string[] {
  return ["server", "db"].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .map(String)
      .filter((f) => /\.tsx?$/.test(f) && !f.includes("migrations"))
      .map((f) => join(dir, f)),
  );
}

for (const [table, owner] of Object.entries(OWNERS)) {
  test(`only ${owner} writes the ${table} table`, () => {
    const sql = new RegExp(`(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+${table}\\b`, "i");
    const drizzle = new RegExp(`\\.(insert|update|delete)\\(${VARIABLE[table]}\\)`);
    const writers = sources().filter((file) => {
      const text = readFileSync(join(root, file), "utf8");
      return sql.test(text) || drizzle.test(text);
    });
    expect(writers).toEqual([owner]);
  });
}
