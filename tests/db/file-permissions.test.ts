import { afterAll, beforeAll, expect, test } from "bun:test";
import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DB_FILE_NAME, openDatabase } from "../../db/connection.ts";
import { signIn } from "../helpers/sign-in.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await signIn(server);
});
afterAll(() => server.close());

const modeOf = (path: string) => statSync(path).mode & 0o777;

test("the running server's data dir is 0700 and its database files (with -wal and -shm) 0600", () => {
  const dir = server.config.dataDir;
  expect(modeOf(dir)).toBe(0o700);
  for (const suffix of ["", "-wal", "-shm"])
    expect(modeOf(join(dir, `${DB_FILE_NAME}${suffix}`))).toBe(0o600);
});

test("a world-readable data dir and database from an older install are made private when opened", () => {
  const tmp = tempDir();
  const dir = join(tmp.path, "data");
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  const path = join(dir, DB_FILE_NAME);
  openDatabase(dir).close();
  chmodSync(path, 0o644);
  writeFileSync(`${path}-wal`, "");
  chmodSync(`${path}-wal`, 0o644);
  const db = openDatabase(dir);
  try {
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
  } finally {
    db.close();
    tmp.cleanup();
  }
});
