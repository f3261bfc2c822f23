/**
 * A second process holding the database's write lock: `bun lock-holder.ts <db file>` takes the lock
 * (BEGIN IMMEDIATE), prints "locked", and releases it when a line arrives on stdin, then prints "released".
 */
import { Database } from "bun:sqlite";

const path = process.argv[2];
if (!path) throw new Error("usage: lock-holder.ts <database file>");
const db = new Database(path);
db.run("PRAGMA busy_timeout = 5000");
db.run("BEGIN IMMEDIATE");
db.run("CREATE TABLE IF NOT EXISTS lock_holder_probe (x INTEGER)");
console.log("locked");
for await (const _line of console) {
  db.run("ROLLBACK");
  db.close();
  console.log("released");
  break;
}
