import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, statSync, watch } from "node:fs";
import { join } from "node:path";
import { mediaSha256 } from "../../../../scripts/stand-ins/hoster-media.ts";
import { type HosterServer, startHosterServer } from "../../../../scripts/stand-ins/hoster-server.ts";
import { transferFile } from "../../../../server/downloads/transfer/file-transfer.ts";
import { transferMedia } from "../../../../server/downloads/transfer/media-transfer.ts";
import { TransferError } from "../../../../server/downloads/transfer/transfer-error.ts";
import { TokenBucket } from "../../../../server/lib/token-bucket.ts";
import { fileSha256 } from "../../../helpers/file-sha256.ts";
import { loopbackNet } from "../../../helpers/outbound.ts";
import { tempDir } from "../../../helpers/temp-dir.ts";
import { waitFor } from "../../../helpers/test-server.ts";

const LOOPBACK_NET = loopbackNet();

let hoster: HosterServer;
const tmp = tempDir();
beforeAll(async () => {
  hoster = await startHosterServer({ mediaSize: () => 3 * 1024 * 1024 + 77 });
});
afterAll(async () => {
  await hoster.stop();
  tmp.cleanup();
});

const base = (over: Partial<Parameters<typeof transferFile>[0]> & { url: string; partPath: string }) => ({
  headers: {},
  signal: new AbortController().signal,
  net: LOOPBACK_NET,
  bucket: new TokenBucket(0),
  stallMs: 5000,
  keepFreeBytes: 0,
  ...over,
});

async function failureOf(p: Promise<unknown>): Promise<TransferError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TransferError);
  return e as TransferError;
}

test("throttled transfer with mid-stream disconnects completes by resuming with Range; SHA-256 matches", async () => {
  Object.assign(hoster.behaviour, {
    throttleBytesPerSecond: 16 * 1024 * 1024,
    disconnectAfterBytes: 700_000,
    disconnectTimes: 2,
  });
  hoster.resetCounters();
  const part = join(tmp.path, "a.mp4.part");
  const seen: number[] = [];
  const size = await transferFile(
    base({ url: hoster.fileUrl("a"), partPath: part, onProgress: (p) => seen.push(p.bytes) }),
  );
  Object.assign(hoster.behaviour, { throttleBytesPerSecond: 0 });
  expect(size).toBe(3 * 1024 * 1024 + 77);
  expect(await fileSha256(part)).toBe(mediaSha256("a", size));
  expect(hoster.counters.rangeRequests).toBe(2);
  // Each reconnect asked for the rest only: at most what was in flight when the line dropped came twice.
  expect(hoster.counters.mediaBytes).toBeLessThan(size + 2 * 700_000);
  expect(seen.at(-1)).toBe(size);
  expect([...seen].sort((x, y) => x - y)).toEqual(seen);
});

test("a server without Range support makes the transfer start over from 0 (and still match)", async () => {
  Object.assign(hoster.behaviour, { rangeSupport: false, disconnectAfterBytes: 500_000, disconnectTimes: 1 });
  hoster.resetCounters();
  const part = join(tmp.path, "b.mp4.part");
  const size = await transferFile(base({ url: hoster.fileUrl("b"), partPath: part }));
  hoster.behaviour.rangeSupport = true;
  expect(await fileSha256(part)).toBe(mediaSha256("b", size));
  expect(hoster.counters.mediaBytes).toBe(size + 500_000);
});

test("a stalled transfer is aborted and resumed; one that never sends fails with the stall reason", async () => {
  hoster.behaviour.variants["vidoza/slow"] = "stall_midway";
  const part = join(tmp.path, "slow.part");
  hoster.behaviour.mediaSize = (code) => (code === "slow" ? 300_000 : 3 * 1024 * 1024 + 77);
  hoster.resetCounters();
  const size = await transferFile(base({ url: hoster.fileUrl("slow"), partPath: part, stallMs: 100 }));
  expect(size).toBe(300_000);
  expect(await fileSha256(part)).toBe(mediaSha256("slow", size));
  // Each response goes silent after 64 KiB: at least five resumes; a busy machine may see one more stall.
  expect(hoster.counters.mediaRequests).toBeGreaterThanOrEqual(5);

  hoster.behaviour.variants["vidoza/stuck"] = "stall";
  hoster.resetCounters();
  const err = await failureOf(
    transferFile(
      base({ url: hoster.fileUrl("stuck"), partPath: join(tmp.path, "s.part"), stallMs: 100, maxRetries: 1 }),
    ),
  );
  expect(err.reason).toBe("stall");
  expect(hoster.counters.mediaRequests).toBe(2);
});

test("404 and 410 fail at once with their reasons; the disk-space check refuses before writing", async () => {
  hoster.behaviour.variants["vidoza/nf"] = "media404";
  hoster.resetCounters();
  expect(
    (await failureOf(transferFile(base({ url: hoster.fileUrl("nf"), partPath: join(tmp.path, "n.part") }))))
      .reason,
  ).toBe("not_found");
  expect(hoster.counters.mediaRequests).toBe(1);
  const part = join(tmp.path, "d.part");
  const err = await failureOf(
    transferFile(base({ url: hoster.fileUrl("d"), partPath: part, keepFreeBytes: Number.MAX_SAFE_INTEGER })),
  );
  expect(err.reason).toBe("disk_space");
  expect(err.message).toContain("not enough free disk space");
  expect(existsSync(part) ? statSync(part).size : 0).toBe(0);
});

test("no partial file ever carries the final name; the final name appears complete in one step", async () => {
  const dir = join(tmp.path, "lib", "Season 01");
  hoster.behaviour.throttleBytesPerSecond = 8 * 1024 * 1024;
  // Every name that appears in the folder, seen through the kernel's change events (inotify), as a media
  // server watching the library would see it; the final name must be complete whenever it is seen.
  mkdirSync(dir, { recursive: true });
  const names = new Set<string>();
  const finalSizes: number[] = [];
  const finalSeen = Promise.withResolvers<void>();
  const watcher = watch(dir, (_event, name) => {
    if (!name) return;
    names.add(name);
    if (name.endsWith(".mp4") && existsSync(join(dir, name))) {
      finalSizes.push(statSync(join(dir, name)).size);
      finalSeen.resolve();
    }
  });
  const result = await transferMedia(join(dir, "Show - S01E01"), {
    source: { kind: "file", url: hoster.fileUrl("final"), headers: {} },
    signal: new AbortController().signal,
    net: LOOPBACK_NET,
    bucket: new TokenBucket(0),
    stallMs: 5000,
    keepFreeBytes: 0,
    ffmpeg: null,
  });
  await finalSeen.promise;
  watcher.close();
  hoster.behaviour.throttleBytesPerSecond = 0;
  expect(names.has("Show - S01E01.mp4.part")).toBe(true);
  for (const size of finalSizes) expect(size).toBe(3 * 1024 * 1024 + 77);
  expect(readdirSync(dir)).toEqual(["Show - S01E01.mp4"]);
  expect(result.finalPath).toBe(join(dir, "Show - S01E01.mp4"));
  expect(await fileSha256(result.finalPath)).toBe(mediaSha256("final", result.bytes));
});

test("SIGKILL of the downloading process: a new run resumes from the .part offset and completes", async () => {
  const size = 3 * 1024 * 1024 + 77;
  hoster.behaviour.throttleBytesPerSecond = 2 * 1024 * 1024;
  hoster.resetCounters();
  const part = join(tmp.path, "k.mp4.part");
  const child = Bun.spawn(
    [process.execPath, join(import.meta.dir, "transfer-child.ts"), hoster.fileUrl("k"), part],
    {
      stdout: "pipe",
      stderr: "inherit",
    },
  );
  await waitFor(
    () => existsSync(part) && statSync(part).size >= 1024 * 1024,
    "the child to write 1 MiB",
    15_000,
  );
  child.kill("SIGKILL");
  await child.exited;
  // The stand-in may still push a chunk into the dead connection until it notices; count from after that.
  await waitFor(() => hoster.openMediaResponses() === 0, "the hoster to see the connection closed");
  const kept = statSync(part).size;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(size);
  hoster.behaviour.throttleBytesPerSecond = 0;
  const firstRun = hoster.counters.mediaBytes;
  await transferFile(base({ url: hoster.fileUrl("k"), partPath: part }));
  const secondRun = hoster.counters.mediaBytes - firstRun;
  expect(secondRun).toBe(size - kept);
  expect(secondRun).toBeLessThan(size);
  expect(hoster.counters.rangeRequests).toBe(1);
  expect(await fileSha256(part)).toBe(mediaSha256("k", size));
});

test("the bandwidth bucket lets a limited transfer finish intact", async () => {
  const part = join(tmp.path, "bw.part");
  const size = await transferFile(
    base({ url: hoster.fileUrl("bw"), partPath: part, bucket: new TokenBucket(64 * 1024 * 1024) }),
  );
  expect(await fileSha256(part)).toBe(mediaSha256("bw", size));
});

test("a bandwidth limit whose wait for a chunk outlasts the stall window is not a stall", async () => {
  const sizeBefore = hoster.behaviour.mediaSize;
  hoster.behaviour.mediaSize = () => 400_000;
  try {
    hoster.resetCounters();
    const part = join(tmp.path, "limited.part");
    // 200 kB/s: past the bucket's burst every chunk of the body waits for it longer than the 100 ms stall window.
    const size = await transferFile(
      base({
        url: hoster.fileUrl("limited"),
        partPath: part,
        bucket: new TokenBucket(200_000),
        stallMs: 100,
        maxRetries: 0,
      }),
    );
    expect(size).toBe(400_000);
    expect(await fileSha256(part)).toBe(mediaSha256("limited", size));
    // One request from start to end: the transfer was never cut off and resumed.
    expect(hoster.counters.rangeRequests).toBe(0);
  } finally {
    hoster.behaviour.mediaSize = sizeBefore;
  }
});
