import { expect, test } from "bun:test";
import { join } from "node:path";
import { DB_FILE_NAME, openDatabase } from "../../../db/connection.ts";
import { tempDir } from "../../helpers/temp-dir.ts";
import { startTestServer } from "../../helpers/test-server.ts";

const holderScript = join(import.meta.dir, "..", "..", "helpers", "lock-holder.ts");

test("a start while another program holds the database waits for it instead of failing 'database is locked'", async () => {
  const tmp = tempDir();
  const dataDir = join(tmp.path, "data");
  openDatabase(dataDir).close(); // an existing database, in WAL mode
  // Another program holds the database file, as a connection does while it checkpoints on close. It lets go
  // after a while of its own: this thread is blocked while the server waits for the lock.
  const holder = Bun.spawn(
    [process.execPath, holderScript, join(dataDir, DB_FILE_NAME), "--exclusive", "--release-after", "700"],
    { stdout: "pipe", stderr: "inherit" },
  );
  let printed = "";
  const reading = (async () => {
    const reader = holder.stdout.getReader();
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) printed += decoder.decode(r.value);
  })();
  while (!printed.includes("locked")) {
    if (holder.exitCode !== null) throw new Error(`the lock holder ended early: ${printed}`);
    await Bun.sleep(10);
  }
  const server = await startTestServer({
    ANIWORLD_DATA_DIR: dataDir,
    ANIWORLD_LIBRARY: join(tmp.path, "library"),
  });
  try {
    await reading;
    expect(await holder.exited).toBe(0);
    expect(printed).toContain("released");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    await server.close();
    tmp.cleanup();
  }
}, 30_000);
