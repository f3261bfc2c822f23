import { afterEach, beforeEach } from "bun:test";
import { type DbHandle, openDatabase } from "../../db/connection.ts";
import { tempDir } from "./temp-dir.ts";

/**
 * A new database in its own temporary folder for every test of the calling file (its beforeEach and
 * afterEach are registered here, before the file's own). The returned function gives the current test's.
 */
export function databasePerTest(): () => DbHandle {
  let current: { tmp: ReturnType<typeof tempDir>; handle: DbHandle } | null = null;
  beforeEach(() => {
    const tmp = tempDir();
    current = { tmp, handle: openDatabase(tmp.path) };
  });
  afterEach(() => {
    current?.handle.close();
    current?.tmp.cleanup();
    current = null;
  });
  return () => {
    if (!current) throw new Error("databasePerTest: the database exists only while a test runs");
    return current.handle;
  };
}
