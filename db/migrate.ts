import type { Database } from "bun:sqlite";

export interface Migration {
  tag: string;
  when: number;
  sql: string;
}

/**
 * Applies pending migrations in order, each in its own transaction. Migrations are passed in (not read from a
 * folder) so the compiled executable carries them; a hash check catches an applied migration that was edited.
 */
export function applyMigrations(sqlite: Database, migrations: readonly Migration[]): string[] {
  sqlite.run(
    "CREATE TABLE IF NOT EXISTS schema_migrations (tag TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const applied = new Map(
    sqlite
      .query<{ tag: string; hash: string }, []>("SELECT tag, hash FROM schema_migrations")
      .all()
      .map((r) => [r.tag, r.hash]),
  );
  // A migration renumbered after it shipped (two branches numbered theirs alike) keeps its text: applied
  // under its old tag, it is recognised by its hash and recorded under the new one instead of run again.
  const appliedHashes = new Set(applied.values());
  const done: string[] = [];
  for (const m of migrations) {
    const hash = new Bun.CryptoHasher("sha256").update(m.sql).digest("hex");
    const previous = applied.get(m.tag);
    if (previous !== undefined) {
      if (previous !== hash) throw new Error(`migration ${m.tag} was changed after it was applied`);
      continue;
    }
    if (appliedHashes.has(hash)) {
      sqlite.run("INSERT INTO schema_migrations (tag, hash, applied_at) VALUES (?, ?, ?)", [
        m.tag,
        hash,
        Date.now(),
      ]);
      continue;
    }
    sqlite.transaction(() => {
      for (const statement of m.sql.split("--> statement-breakpoint")) {
        if (statement.trim()) sqlite.run(statement);
      }
      sqlite.run("INSERT INTO schema_migrations (tag, hash, applied_at) VALUES (?, ?, ?)", [
        m.tag,
        hash,
        Date.now(),
      ]);
    })();
    done.push(m.tag);
  }
  return done;
}
