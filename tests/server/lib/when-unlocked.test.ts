import { expect, test } from "bun:test";
import { join } from "node:path";
import {
  DB_FILE_NAME,
  isDatabaseBusy,
  openDatabase,
  SERVER_BUSY_TIMEOUT_MS,
} from "../../../db/connection.ts";
import { unlessLocked, whenUnlocked } from "../../../server/lib/when-unlocked.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const holderScript = join(import.meta.dir, "..", "..", "helpers", "lock-holder.ts");

test("a write that finds the database locked by another process waits on timers and lands after the release", async () => {
  const tmp = tempDir();
  const db = openDatabase(tmp.path);
  db.setBusyTimeout(SERVER_BUSY_TIMEOUT_MS);
  db.sqlite.run("CREATE TABLE probe (x INTEGER)");
  const child = Bun.spawn([process.execPath, holderScript, join(tmp.path, DB_FILE_NAME)], {
    stdin: "pipe",
    stdout: "pipe",
  });
  const reader = child.stdout.getReader();
  let out = "";
  while (!out.includes("locked")) out += new TextDecoder().decode((await reader.read()).value);

  const insert = () => db.sqlite.run("INSERT INTO probe VALUES (1)");
  const direct = (() => {
    try {
      insert();
      return null;
    } catch (error) {
      return error;
    }
  })();
  expect(isDatabaseBusy(direct)).toBe(true);
  unlessLocked(insert); // skipped, not thrown
  let landed = false;
  const waiting = whenUnlocked(insert).then(() => {
    landed = true;
  });
  // The thread is free meanwhile: a timer scheduled now runs before the write lands.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  expect(landed).toBe(false);
  child.stdin.write("release\n");
  await child.stdin.flush();
  await waiting;
  await child.exited;
  expect(db.sqlite.query("SELECT count(*) AS n FROM probe").get()).toEqual({ n: 1 });
  db.close();
  tmp.cleanup();
}, 30_000);
