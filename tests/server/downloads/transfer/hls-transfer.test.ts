import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { hlsSha256 } from "../../../../scripts/stand-ins/hoster-media.ts";
import {
  type HosterServer,
  segmentSize,
  startHosterServer,
} from "../../../../scripts/stand-ins/hoster-server.ts";
import { transferHls } from "../../../../server/downloads/transfer/hls-transfer.ts";
import { transferMedia } from "../../../../server/downloads/transfer/media-transfer.ts";
import { TransferError } from "../../../../server/downloads/transfer/transfer-error.ts";
import { TokenBucket } from "../../../../server/lib/token-bucket.ts";
import { fileSha256 } from "../../../helpers/file-sha256.ts";
import { loopbackNet } from "../../../helpers/outbound.ts";
import { tempDir } from "../../../helpers/temp-dir.ts";

const LOOPBACK_NET = loopbackNet();

let hoster: HosterServer;
const tmp = tempDir();
const SEGMENTS = 12;
beforeAll(async () => {
  hoster = await startHosterServer({ hlsSegments: SEGMENTS, hlsSegmentBytes: 40_000, hlsFailOnce: [3, 7] });
});
afterAll(async () => {
  await hoster.stop();
  tmp.cleanup();
});

const slotFiles = (part: string) => readdirSync(tmp.path).filter((f) => f.startsWith(`${part}.s`));
const sizes = () => Array.from({ length: SEGMENTS }, (_, i) => segmentSize(hoster.behaviour, i));
const opts = (code: string, partPath: string, signal = new AbortController().signal) => ({
  url: `${hoster.url}/hls/cdn/${code}/master.m3u8`,
  headers: {},
  partPath,
  signal,
  net: LOOPBACK_NET,
  bucket: new TokenBucket(0),
  stallMs: 5000,
  keepFreeBytes: 0,
});

test("master → best variant → every segment in order; failing segments are retried one by one", async () => {
  hoster.resetCounters();
  const part = join(tmp.path, "h.ts.part");
  const result = await transferHls(opts("h", part));
  expect(result.segments).toBe(SEGMENTS);
  expect(result.bytes).toBe(sizes().reduce((a, b) => a + b, 0));
  expect(await fileSha256(part)).toBe(hlsSha256("h", "high", sizes()));
  // Two segments failed once each and were fetched again; no other segment twice.
  expect(hoster.counters.segmentRequests).toBe(SEGMENTS + 2);
  expect(hoster.counters.paths.filter((p) => p.includes("/low/"))).toEqual([]);
  expect(existsSync(`${part}.json`)).toBe(false);
  // The segments waited on disk in slot files beside the part file; none is left.
  expect(slotFiles("h.ts.part")).toEqual([]);
});

test("an interrupted HLS download resumes at the recorded segment", async () => {
  hoster.resetCounters();
  hoster.behaviour.throttleBytesPerSecond = 400_000;
  const part = join(tmp.path, "r.ts.part");
  const ac = new AbortController();
  const first = transferHls({
    ...opts("r", part, ac.signal),
    concurrency: 1,
    onProgress: (p) => {
      if (p.bytes > 150_000) ac.abort(new Error("stopped"));
    },
  });
  await first.catch(() => undefined);
  // Stopped mid-stream, the segments in flight were ended and their slot files removed.
  expect(slotFiles("r.ts.part")).toEqual([]);
  hoster.behaviour.throttleBytesPerSecond = 0;
  const state = (await Bun.file(`${part}.json`).json()) as { done: number };
  expect(state.done).toBeGreaterThan(0);
  const before = hoster.counters.segmentRequests;
  await transferHls(opts("r", part));
  const again = hoster.counters.segmentRequests - before;
  expect(again).toBeLessThan(SEGMENTS);
  expect(await fileSha256(part)).toBe(hlsSha256("r", "high", sizes()));
});

test("without ffmpeg the result is kept as .ts and the note says so", async () => {
  const dir = join(tmp.path, "lib");
  const result = await transferMedia(join(dir, "Show S01E02"), {
    source: { kind: "hls", url: `${hoster.url}/hls/cdn/t/master.m3u8`, headers: {} },
    signal: new AbortController().signal,
    net: LOOPBACK_NET,
    bucket: new TokenBucket(0),
    stallMs: 5000,
    keepFreeBytes: 0,
    ffmpeg: null,
  });
  expect(result.finalPath).toBe(join(dir, "Show S01E02.ts"));
  expect(result.note).toContain("ffmpeg is not installed");
  expect(readdirSync(dir)).toEqual(["Show S01E02.ts"]);
});

test("incomplete, encrypted and missing playlists fail with reasons", async () => {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const p = new URL(req.url).pathname;
      if (p === "/live.m3u8") return new Response("#EXTM3U\n#EXTINF:10,\na.ts\n");
      if (p === "/enc.m3u8")
        return new Response(
          '#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXTINF:10,\na.ts\n#EXT-X-ENDLIST\n',
        );
      if (p === "/html.m3u8") return new Response("<html>nope</html>");
      return new Response("no", { status: 404 });
    },
  });
  const reason = async (path: string) => {
    const e = await transferHls({
      ...opts("x", join(tmp.path, "x.part")),
      url: `http://127.0.0.1:${server.port}${path}`,
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransferError);
    return (e as TransferError).reason;
  };
  expect(await reason("/live.m3u8")).toBe("incomplete");
  expect(await reason("/enc.m3u8")).toBe("unsupported");
  expect(await reason("/html.m3u8")).toBe("unsupported");
  expect(await reason("/gone.m3u8")).toBe("not_found");
  server.stop(true);
});
