/**
 * A second process holding the database's lock: `bun lock-holder.ts <db file> [--exclusive] [--release-after <ms>]`
 * takes the write lock (BEGIN IMMEDIATE), prints "locked", and releases it when a line arrives on stdin (or
 * after `--release-after` ms), then prints "released". `--exclusive` holds the database file itself, as a
 * connection does while it checkpoints on close: other connections cannot even read it meanwhile.
 */
import { Database } from "bun:sqlite";

const [path, ...flags] = process.argv.slice(2);
if (!path) throw new Error("usage: lock-holder.ts <database file> [--exclusive] [--release-after <ms>]");
const releaseAt = flags.indexOf("--release-after");
const releaseAfterMs = releaseAt === -1 ? null : Number(flags[releaseAt + 1]);
const db = new Database(path);
db.run("PRAGMA busy_timeout = 5000");
if (flags.includes("--exclusive")) db.run("PRAGMA locking_mode = EXCLUSIVE");
db.run("BEGIN IMMEDIATE");
db.run("CREATE TABLE IF NOT EXISTS lock_holder_probe (x INTEGER)");
console.log("locked");
if (releaseAfterMs !== null) await Bun.sleep(releaseAfterMs);
else for await (const _line of console) break;
db.run("ROLLBACK");
db.close();
console.log("released");
