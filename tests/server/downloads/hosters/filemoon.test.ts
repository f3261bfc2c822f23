import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { byseAnswer } from "../../../../scripts/stand-ins/byse-api.ts";
import { type HosterServer, startHosterServer } from "../../../../scripts/stand-ins/hoster-server.ts";
import { base64Url, decryptPlayback } from "../../../../server/downloads/hosters/byse-playback.ts";
import { FilemoonExtractor } from "../../../../server/downloads/hosters/filemoon-extractor.ts";
import { HosterError } from "../../../../server/downloads/hosters/hoster-extractor.ts";
import { loopbackHttp } from "../../../helpers/outbound.ts";

let hoster: HosterServer;
const filemoon = new FilemoonExtractor();
const CTX = { http: loopbackHttp() };
beforeAll(async () => {
  hoster = await startHosterServer({
    variants: {
      "filemoon/fd1": "byse_details",
      "filemoon/fp1": "byse_post",
      "filemoon/fq1": "byse_post_playback",
      "filemoon/fk1": "byse_decoys",
      "filemoon/fv1": "byse_pointed",
      "filemoon/fc1": "captcha",
      "filemoon/fg1-packed": "garbage",
    },
  });
});
afterAll(() => hoster.stop());

/** Extracts `code`; returns the source and the paths the extractor asked the stand-in for. */
async function extract(code: string) {
  hoster.resetCounters();
  const source = await filemoon.extract(`${hoster.url}/filemoon/e/${code}`, CTX);
  return { source, paths: hoster.counters.paths };
}

async function failure(code: string): Promise<HosterError> {
  hoster.resetCounters();
  const error = await filemoon.extract(`${hoster.url}/filemoon/e/${code}`, CTX).catch((e: unknown) => e);
  if (!(error instanceof HosterError)) throw new Error(`expected a HosterError, got ${String(error)}`);
  return error;
}

const playlist = (code: string) => `${hoster.url}/hls/filemoon/${code}/master.m3u8`;

describe("Filemoon (Byse) endpoints: each install shape gives the stream", () => {
  test("the old endpoint answers: one request, no page", async () => {
    const { source, paths } = await extract("fo1");
    expect(source).toMatchObject({ kind: "hls", url: playlist("fo1") });
    expect(paths).toEqual(["/api/videos/fo1"]);
  });

  test("old endpoint 404 → details names the frame → the frame's embed/playback (Referer and X-Embed-Parent checked)", async () => {
    const { source, paths } = await extract("fd1");
    expect(source.url).toBe(playlist("fd1"));
    expect(paths).toEqual([
      "/api/videos/fd1",
      "/api/videos/fd1/embed/details",
      "/api/videos/fd1/embed/playback",
    ]);
    // The stand-in refuses the playback without the frame as Referer and an X-Embed-Parent.
    expect((await fetch(`${hoster.url}/api/videos/fd1/embed/playback`)).status).toBe(403);
    const res = await fetch(source.url, { headers: source.headers });
    expect(await res.text()).toContain("#EXT-X-STREAM-INF");
  });

  test("only POST …/embed/playback answers (the frame from details as Referer)", async () => {
    const { source, paths } = await extract("fp1");
    expect(source.url).toBe(playlist("fp1"));
    expect(paths).toEqual([
      "/api/videos/fp1",
      "/api/videos/fp1/embed/details",
      "/api/videos/fp1/embed/playback",
      "/api/videos/fp1/embed/playback",
    ]);
  });

  test("only POST /api/videos/<code>/playback answers", async () => {
    const { source, paths } = await extract("fq1");
    expect(source.url).toBe(playlist("fq1"));
    expect(paths.at(-1)).toBe("/api/videos/fq1/playback");
    expect(paths.some((p) => p.startsWith("/filemoon/e/"))).toBe(false);
  });

  test("no API at all: the packed page is the last resort", async () => {
    const { source, paths } = await extract("fn1-packed");
    expect(source.url).toBe(playlist("fn1-packed"));
    expect(paths.at(-1)).toBe("/filemoon/e/fn1-packed");
  });

  test("a challenge in front of the host ends at once as blocked: no other endpoint, no page", async () => {
    const error = await failure("fc1");
    expect(error.reason).toBe("blocked");
    expect(hoster.counters.paths).toEqual(["/api/videos/fc1"]);
  });

  test("neither API nor page: a parse error that says what the API answered last", async () => {
    const error = await failure("fg1-packed");
    expect(error.reason).toBe("parse");
    expect(error.message).toContain("neither the playback API");
    expect(error.message).toContain("video not found (404)");
  });
});

describe("Filemoon (Byse) key choice: only a key whose GCM tag verifies is taken", () => {
  test("16-byte decoys listed before the real parts, no pointer: the pair that authenticates", async () => {
    const { source } = await extract("fk1");
    expect(source.url).toBe(playlist("fk1"));
  });

  test("too many 16-byte decoys to try every pair: the `version` pointer finds the key", async () => {
    const { source } = await extract("fv1");
    expect(source.url).toBe(playlist("fv1"));
  });

  test("without the pointer the bounded search gives up with a clear parse error", async () => {
    const plain = { sources: [{ url: "https://cdn.example/x.m3u8" }] };
    const { playback } = await byseAnswer(plain, { decoys16: 28 });
    const parts = playback.key_parts as string[];
    expect(parts.filter((p) => base64Url(p).length === 16).length).toBe(30);
    const answer = { key_parts: parts, iv: String(playback.iv), payload: String(playback.payload) };
    expect(await decryptPlayback({ ...answer, version: playback.version })).toEqual(plain);
    const error = await decryptPlayback(answer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HosterError);
    expect((error as HosterError).reason).toBe("parse");
    expect((error as HosterError).message).toContain("did not decrypt with any of 64 candidate keys");
  });

  test("a pointer at two decoys costs one failed try, then the pairs are searched", async () => {
    const plain = { sources: [{ url: "https://cdn.example/y.m3u8" }] };
    const { playback } = await byseAnswer(plain, { decoys16: 3, pointer: false });
    const decoy = base64Url(String((playback.key_parts as string[])[0]));
    expect(decoy.length).toBe(16);
    // Version 1 points at the first part and the last: two 16-byte decoys.
    const answer = {
      key_parts: [...(playback.key_parts as string[]), String((playback.key_parts as string[])[2])],
      iv: String(playback.iv),
      payload: String(playback.payload),
    };
    expect(await decryptPlayback({ ...answer, version: 1 })).toEqual(plain);
    expect(await decryptPlayback({ ...answer, version: "1" })).toEqual(plain);
  });

  test("key parts that cannot make a 256-bit key", async () => {
    const { playback } = await byseAnswer({ sources: [] });
    const decoys = (playback.key_parts as string[]).filter((p) => base64Url(p).length === 24);
    const error = await decryptPlayback({
      key_parts: decoys.slice(0, 5),
      iv: String(playback.iv),
      payload: String(playback.payload),
    }).catch((e: unknown) => e);
    expect((error as HosterError).message).toContain("no 256-bit key");
  });
});
