import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { hlsSha256, mediaSha256 } from "../../../../scripts/stand-ins/hoster-media.ts";
import {
  type HosterServer,
  segmentSize,
  startHosterServer,
} from "../../../../scripts/stand-ins/hoster-server.ts";
import { decryptPlayback } from "../../../../server/downloads/hosters/byse-playback.ts";
import { ExtractorRegistry } from "../../../../server/downloads/hosters/extractor-registry.ts";
import { transferMedia } from "../../../../server/downloads/transfer/media-transfer.ts";
import { TokenBucket } from "../../../../server/lib/token-bucket.ts";
import { loopbackHttp } from "../../../helpers/outbound.ts";
import { tempDir } from "../../../helpers/temp-dir.ts";

let hoster: HosterServer;
const registry = new ExtractorRegistry();
const http = loopbackHttp();
const tmp = tempDir();
beforeAll(async () => {
  hoster = await startHosterServer();
});
afterAll(async () => {
  await hoster.stop();
  tmp.cleanup();
});

/** Extracts through the hoster's current page form, downloads the stream, returns the file's SHA-256. */
async function deliver(name: string, path: string, code: string) {
  const source = await registry.get(name)?.extract(`${hoster.url}/${path}/e/${code}`, { http });
  if (!source) throw new Error(`no extractor for ${name}`);
  const result = await transferMedia(join(tmp.path, `${name}-${code}`), {
    source,
    net: http.net,
    signal: new AbortController().signal,
    bucket: new TokenBucket(0),
    stallMs: 5_000,
    keepFreeBytes: 0,
    ffmpeg: null,
  });
  const bytes = await Bun.file(result.finalPath).bytes();
  return { source, sha: new Bun.CryptoHasher("sha256").update(bytes).digest("hex") };
}

const expected = (code: string) =>
  hlsSha256(
    code,
    "high",
    Array.from({ length: hoster.behaviour.hlsSegments }, (_, i) => segmentSize(hoster.behaviour, i)),
  );

test.each([
  ["VOE", "voe", "ep1-stub"],
  ["VOE", "voe", "ep2-bare"],
  ["VOE", "voe", "ep3-legacy"],
  ["Filemoon", "filemoon", "fm1"],
  ["Filemoon", "filemoon", "fm2-packed"],
  ["LoadX", "loadx", "lx1"],
  ["Luluvdo", "luluvdo", "lu1"],
  ["Luluvdo", "luluvdo", "lu2-packed"],
  ["Vidmoly", "vidmoly", "vm1"],
  ["Vidmoly", "vidmoly", "vm2-gate"],
  ["Vidmoly", "vidmoly", "vm3-packed"],
])("%s (%s/e/%s) delivers a file whose SHA-256 matches", async (name, path, code) => {
  const { sha } = await deliver(name, path, code);
  expect(sha).toBe(expected(code));
});

test("VOE follows the stub to the alias page and sends that page as Referer and Origin (the stream refuses without)", async () => {
  const { source } = await deliver("VOE", "voe", "ep4-stub");
  expect(source.headers.Referer).toBe(`${hoster.url}/voe-alias/e/ep4-stub`);
  expect(source.headers.Origin).toBe(hoster.url);
  expect((await fetch(source.url)).status).toBe(403);
});

test("Filemoon's AES-256-GCM playback data decrypts with the real key parts among decoys; a wrong key fails cleanly", async () => {
  const answer = (await (await fetch(`${hoster.url}/api/videos/fm3`)).json()) as {
    playback: { key_parts: string[]; iv: string; payload: string };
  };
  expect(answer.playback.key_parts.length).toBe(30);
  const plain = (await decryptPlayback(answer.playback)) as { sources: { url: string }[] };
  expect(plain.sources[0]?.url).toBe(`${hoster.url}/hls/filemoon/fm3/master.m3u8`);
  const tampered = {
    ...answer.playback,
    iv: answer.playback.iv.replace(/^./, (c) => (c === "A" ? "B" : "A")),
  };
  await expect(decryptPlayback(tampered)).rejects.toThrow("did not decrypt");
});

test("Doodstream's /d/<id> page frames /e/<id>; pass_md5 gives the file, whose SHA-256 matches", async () => {
  const source = await registry.get("Doodstream")?.extract(`${hoster.url}/doodstream/d/dd1`, { http });
  if (!source) throw new Error("no source");
  expect(source.headers.Referer).toBe(`${hoster.url}/doodstream/e/dd1`);
  const result = await transferMedia(join(tmp.path, "dood-dd1"), {
    source,
    net: http.net,
    signal: new AbortController().signal,
    bucket: new TokenBucket(0),
    stallMs: 5_000,
    keepFreeBytes: 0,
    ffmpeg: null,
  });
  const bytes = await Bun.file(result.finalPath).bytes();
  expect(new Bun.CryptoHasher("sha256").update(bytes).digest("hex")).toBe(
    mediaSha256("dd1", hoster.behaviour.mediaSize("dd1")),
  );
});
