import { afterAll, expect, test } from "bun:test";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fetchPlaylist } from "../../../../server/downloads/transfer/hls-playlist.ts";
import { transferHls } from "../../../../server/downloads/transfer/hls-transfer.ts";
import { transferMedia } from "../../../../server/downloads/transfer/media-transfer.ts";
import { TokenBucket } from "../../../../server/lib/token-bucket.ts";
import { loopbackNet } from "../../../helpers/outbound.ts";
import { tempDir } from "../../../helpers/temp-dir.ts";

/** One resource holding every video segment (EXT-X-BYTERANGE), and an audio rendition in its own playlist. */
const video = Uint8Array.from({ length: 2500 }, (_, i) => (i * 7) % 251);
const audio = [new Uint8Array(300).fill(0xaa), new Uint8Array(200).fill(0xbb)];
const asked: string[] = [];
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request) {
    const url = new URL(request.url);
    asked.push(url.pathname + url.search);
    const text = (body: string) =>
      new Response(body, { headers: { "Content-Type": "application/vnd.apple.mpegurl" } });
    switch (url.pathname) {
      case "/master.m3u8":
        return text(
          [
            "#EXTM3U",
            '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="Deutsch",LANGUAGE="de",DEFAULT=YES,AUTOSELECT=YES,URI="audio/index.m3u8?sig=a1"',
            '#EXT-X-STREAM-INF:BANDWIDTH=500000,AUDIO="aud"',
            "low/index.m3u8",
            '#EXT-X-STREAM-INF:BANDWIDTH=900000,AUDIO="aud"',
            "video/index.m3u8?sig=v1",
            "",
          ].join("\n"),
        );
      case "/video/index.m3u8":
        return text(
          [
            "#EXTM3U",
            "#EXT-X-VERSION:4",
            "#EXT-X-TARGETDURATION:10",
            "#EXTINF:10,",
            "#EXT-X-BYTERANGE:1000@0",
            "all.ts?sig=s",
            "#EXTINF:10,",
            "#EXT-X-BYTERANGE:1500",
            "all.ts?sig=s",
            "#EXT-X-ENDLIST",
            "",
          ].join("\n"),
        );
      case "/video/all.ts": {
        const m = /^bytes=(\d+)-(\d+)$/.exec(request.headers.get("range") ?? "");
        if (!m) return new Response(video);
        const [start, end] = [Number(m[1]), Number(m[2])];
        return new Response(video.slice(start, end + 1), {
          status: 206,
          headers: { "Content-Range": `bytes ${start}-${end}/${video.length}` },
        });
      }
      case "/audio/index.m3u8":
        return text(
          [
            "#EXTM3U",
            "#EXT-X-TARGETDURATION:10",
            "#EXTINF:10,",
            "a0.aac",
            "#EXTINF:10,",
            "a1.aac",
            "#EXT-X-ENDLIST",
            "",
          ].join("\n"),
        );
      case "/audio/a0.aac":
        return new Response(audio[0]);
      case "/audio/a1.aac":
        return new Response(audio[1]);
      default:
        return new Response("no", { status: 404 });
    }
  },
});
const base = server.url.toString().replace(/\/$/, "");
const tmp = tempDir();
afterAll(async () => {
  await server.stop(true);
  tmp.cleanup();
});

test("the best variant's EXT-X-BYTERANGE segments and its separate audio rendition are read (hls-parser)", async () => {
  const playlist = await fetchPlaylist(
    loopbackNet(),
    `${base}/master.m3u8`,
    {},
    new AbortController().signal,
  );
  expect(playlist.url).toBe(`${base}/video/index.m3u8?sig=v1`);
  expect(playlist.segments).toEqual([
    { url: `${base}/video/all.ts?sig=s`, range: { offset: 0, length: 1000 } },
    { url: `${base}/video/all.ts?sig=s`, range: { offset: 1000, length: 1500 } },
  ]);
  expect(playlist.audio?.segments.map((s) => s.url)).toEqual([
    `${base}/audio/a0.aac`,
    `${base}/audio/a1.aac`,
  ]);
});

test("a byte-range stream with an audio rendition downloads both, byte for byte", async () => {
  const part = join(tmp.path, "x.ts.part");
  const result = await transferHls({
    url: `${base}/master.m3u8`,
    net: loopbackNet(),
    headers: {},
    partPath: part,
    signal: new AbortController().signal,
    bucket: new TokenBucket(0),
    stallMs: 5_000,
    keepFreeBytes: 0,
  });
  expect(await Bun.file(part).bytes()).toEqual(video);
  expect(result.audioPath).toBe(`${part}.audio`);
  expect(await Bun.file(`${part}.audio`).bytes()).toEqual(
    new Uint8Array([...(audio[0] ?? []), ...(audio[1] ?? [])]),
  );
  expect(result.bytes).toBe(2500 + 500);
  expect(asked.filter((p) => p.startsWith("/low/"))).toEqual([]);
});

test("a remux that fails keeps the video as .ts and leaves no audio rendition behind", async () => {
  // `false` stands in for an ffmpeg that cannot handle the stream: it exits with an error.
  const failing = Bun.which("false");
  if (!failing) throw new Error("no `false` executable on PATH");
  const dir = join(tmp.path, "remux-fails");
  mkdirSync(dir);
  const result = await transferMedia(join(dir, "Show S01E03"), {
    source: { kind: "hls", url: `${base}/master.m3u8`, headers: {} },
    net: loopbackNet(),
    signal: new AbortController().signal,
    bucket: new TokenBucket(0),
    stallMs: 5_000,
    keepFreeBytes: 0,
    ffmpeg: failing,
  });
  expect(result.finalPath).toBe(join(dir, "Show S01E03.ts"));
  expect(result.note).toContain("without its separate audio track");
  expect(await Bun.file(result.finalPath).bytes()).toEqual(video);
  expect(readdirSync(dir)).toEqual(["Show S01E03.ts"]);
});
