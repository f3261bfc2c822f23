/**
 * Child process of the add benchmark: the physical minimum of series.add — Bun.serve parsing the same JSON
 * body and doing one prepared SQLite insert (same pragmas as the app), answering a tRPC-shaped body.
 * Prints `{"url": …}` once listening; stops on SIGTERM. Usage: bun bare-add-server.ts <db file>
 */
import { Database } from "bun:sqlite";

const db = new Database(process.argv[2] ?? ":memory:", { create: true, strict: true });
db.run("PRAGMA journal_mode = WAL");
db.run("PRAGMA synchronous = NORMAL");
db.run("PRAGMA busy_timeout = 5000");
db.run(
  "CREATE TABLE IF NOT EXISTS s (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, at INTEGER NOT NULL)",
);
const insert = db.prepare<{ id: number }, [string, number]>(
  "INSERT INTO s (key, at) VALUES (?, ?) RETURNING id",
);
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(req) {
    const body = (await req.json()) as { catalogKey: string };
    return Response.json({ result: { data: insert.get(body.catalogKey, Date.now()) } });
  },
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}` }));
process.on("SIGTERM", () => {
  server.stop(true);
  db.close();
  process.exit(0);
});
