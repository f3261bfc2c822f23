import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { ScanWorkerClient } from "../../../server/library/scan-worker-client.ts";
import type { ScanWorkerMessage } from "../../../shared/library-scan.ts";
import { buildMixedLibrary, writeTree } from "../../helpers/library-fixture.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function walk(root: string, parallelism: number, folders: string[] | null = null) {
  const client = new ScanWorkerClient(parallelism);
  cleanups.push(() => client.close());
  const messages: ScanWorkerMessage[] = [];
  await client.run({ type: "scan", jobId: "j", root, folders, previous: {}, batchSize: 2 }, (m) => {
    messages.push(m);
  });
  return messages;
}

test("a scan split across workers streams the same folders as one worker, in one started/finished frame", async () => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  buildMixedLibrary(root, join(tmp.path, "outside"));
  for (let i = 0; i < 7; i++) writeTree(root, { [`Extra ${i}/Show ${i} - S01E0${i + 1}.mkv`]: "x" });

  const one = await walk(root, 1);
  const three = await walk(root, 3);
  for (const messages of [one, three]) {
    expect(messages[0]?.type).toBe("started");
    expect(messages.at(-1)?.type).toBe("finished");
    expect(messages.filter((m) => m.type === "started" || m.type === "finished")).toHaveLength(2);
    const done = messages.flatMap((m) => (m.type === "folders" ? [m.done] : []));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(10);
  }
  const folders = (messages: ScanWorkerMessage[]) =>
    messages
      .flatMap((m) => (m.type === "folders" ? m.folders : []))
      .sort((a, b) => (a.folder < b.folder ? -1 : 1));
  expect(folders(three)).toEqual(folders(one));
  expect(folders(one)).toHaveLength(10);
  // The root's own issues (a symlink leaving it) are reported once, not once per worker.
  expect(three.at(-1)).toEqual(one.at(-1)!);
  expect(one.at(-1)).toMatchObject({ issues: [{ path: "Outside Link", problem: "symlink-outside-root" }] });
  expect(three[0]).toEqual({ type: "started", jobId: "j", total: 10 });

  // Targeted scans use one worker whatever the parallelism.
  const targeted = await walk(root, 3, ["Naruto"]);
  expect(targeted.flatMap((m) => (m.type === "folders" ? m.folders.map((f) => f.folder) : []))).toEqual([
    "Naruto",
  ]);
});

test("the scan worker ends after its keep-alive without a scan, and the next scan starts a new one", async () => {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const root = join(tmp.path, "library");
  writeTree(root, { "Naruto/Naruto - S01E01.mkv": "x" });
  const client = new ScanWorkerClient(1, 100);
  cleanups.push(() => client.close());
  const scan = async () => {
    const folders: string[] = [];
    await client.run(
      { type: "scan", jobId: "k", root, folders: ["Naruto"], previous: {}, batchSize: 2 },
      (m) => {
        if (m.type === "folders") folders.push(...m.folders.map((f) => f.folder));
      },
    );
    return folders;
  };
  expect(await scan()).toEqual(["Naruto"]);
  expect(client.workerCount).toBe(1);
  // A scan within the keep-alive reuses the worker and restarts the wait.
  await Bun.sleep(60);
  expect(await scan()).toEqual(["Naruto"]);
  await Bun.sleep(60);
  expect(client.workerCount).toBe(1);
  await Bun.sleep(150);
  expect(client.workerCount).toBe(0);
  expect(await scan()).toEqual(["Naruto"]);
  expect(client.workerCount).toBe(1);
});
