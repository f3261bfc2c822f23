import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { voeEncode } from "../../../../scripts/stand-ins/hoster-pages.ts";
import { type HosterServer, startHosterServer } from "../../../../scripts/stand-ins/hoster-server.ts";
import { ExtractorRegistry } from "../../../../server/downloads/hosters/extractor-registry.ts";
import { HosterError, type HosterFailure } from "../../../../server/downloads/hosters/hoster-extractor.ts";
import { payloadOf, voeDecode } from "../../../../server/downloads/hosters/voe-extractor.ts";
import { loopbackHttp } from "../../../helpers/outbound.ts";

let hoster: HosterServer;
const registry = new ExtractorRegistry();
const CTX = { http: loopbackHttp() };
beforeAll(async () => {
  hoster = await startHosterServer({
    variants: {
      "voe/missing": "not_found",
      "vidoza/removed": "gone",
      "vidmoly/robot": "captcha",
      "doodstream/junk": "garbage",
      "voe/junk": "garbage",
    },
  });
});
afterAll(() => hoster.stop());

const embed = (name: string, code: string) => `${hoster.url}/${name}/e/${code}`;

async function failure(name: string, code: string): Promise<HosterFailure> {
  const ex = registry.get(name)!;
  try {
    await ex.extract(embed(name.toLowerCase(), code), CTX);
  } catch (e) {
    if (e instanceof HosterError) return e.reason;
    throw e;
  }
  throw new Error("expected a HosterError");
}

describe("hoster extractors against the stand-in's pages", () => {
  test("VOE: the obfuscated blob decodes to the HLS master playlist", async () => {
    const src = await registry.get("voe")!.extract(embed("voe", "frieren-s1e1-de"), CTX);
    expect(src).toMatchObject({ kind: "hls", url: `${hoster.url}/hls/voe/frieren-s1e1-de/master.m3u8` });
    const res = await fetch(src.url, { headers: src.headers });
    expect(await res.text()).toContain("#EXT-X-STREAM-INF");
  });

  test("VOE decoding round-trips unicode and rejects garbage", () => {
    expect(voeDecode(voeEncode({ source: "https://x/ü.m3u8" }))).toEqual({ source: "https://x/ü.m3u8" });
    expect(voeDecode("not!!base64~~")).toBeNull();
    expect(voeDecode(voeEncode({ source: "a" }).slice(5))).toBeNull();
  });

  test("VOE: the link's 302 to a front domain, its stub, then the alias page", async () => {
    hoster.resetCounters();
    const src = await registry.get("VOE")!.extract(embed("voe", "front1"), CTX);
    expect(hoster.counters.paths).toEqual(["/voe/e/front1", "/voe-front/e/front1", "/voe-alias/e/front1"]);
    expect(src.headers.Referer).toBe(`${hoster.url}/voe-alias/e/front1`);
  });

  test("VOE: a video without HLS gives its direct_access_url MP4", async () => {
    const src = await registry.get("VOE")!.extract(embed("voe", "v1-mp4"), CTX);
    expect(src).toMatchObject({ kind: "file", url: `${hoster.url}/media/voe/v1-mp4.mp4` });
  });

  test("VOE: an empty HLS source falls through to the MP4", () => {
    const page = (payload: object) => `<script type="application/json">["${voeEncode(payload)}"]</script>`;
    expect(payloadOf(page({ source: "", direct_access_url: "https://cdn.example/v.mp4" }))).toBe(
      "https://cdn.example/v.mp4",
    );
    expect(payloadOf(page({ source: null, direct_access_url: "https://cdn.example/v.mp4" }))).toBe(
      "https://cdn.example/v.mp4",
    );
  });

  test("Vidmoly: a Turnstile challenge is passed with the cf_turnstile_demo_pass_<id> cookie from the start", async () => {
    hoster.resetCounters();
    const src = await registry.get("Vidmoly")!.extract(embed("vidmoly", "vm4-cookie"), CTX);
    expect(src.url).toBe(`${hoster.url}/hls/vidmoly/vm4-cookie/master.m3u8`);
    // One request: a challenge answered first would also slow every later request to the host down.
    expect(hoster.counters.paths).toEqual(["/vidmoly/e/vm4-cookie"]);
    expect((await fetch(src.url, { headers: src.headers })).status).toBe(200);
  });

  test("Vidoza: direct mp4 from the player config", async () => {
    const src = await registry.get("Vidoza")!.extract(embed("vidoza", "abc"), CTX);
    expect(src).toMatchObject({ kind: "file", url: hoster.fileUrl("abc") });
    expect(src.headers.Referer).toBe(embed("vidoza", "abc"));
  });

  test("Vidmoly: HLS with the player host as Referer (the CDN refuses without)", async () => {
    const src = await registry.get("vidmoly")!.extract(embed("vidmoly", "m1"), CTX);
    expect(src.kind).toBe("hls");
    expect((await fetch(src.url)).status).toBe(403);
    expect((await fetch(src.url, { headers: src.headers })).status).toBe(200);
  });

  test("Doodstream: pass_md5 prefix + random suffix + token gives a downloadable URL", async () => {
    const src = await registry.get("Doodstream")!.extract(embed("doodstream", "d1"), CTX);
    expect(src.kind).toBe("file");
    expect(src.url).toMatch(/\/dood\/cloud\/d1\/[A-Za-z0-9]{10}\?token=tok3n&expiry=\d+$/);
    const res = await fetch(src.url, { headers: src.headers });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
    await res.body?.cancel();
  });

  test("broken pages fail with clean typed reasons", async () => {
    expect(await failure("VOE", "missing")).toBe("not_found");
    expect(await failure("Vidoza", "removed")).toBe("gone");
    // The stand-in's captcha page is a Cloudflare challenge: a block with advice, not a parse failure.
    expect(await failure("Vidmoly", "robot")).toBe("blocked");
    expect(await failure("Doodstream", "junk")).toBe("parse");
    expect(await failure("VOE", "junk")).toBe("parse");
    const closed = await startHosterServer();
    const url = `${closed.url}/vidoza/e/x`;
    await closed.stop();
    const err = await registry
      .get("vidoza")!
      .extract(url, CTX)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HosterError);
    expect((err as HosterError).reason).toBe("network");
    expect((err as HosterError).message).not.toContain("<");
  });

  test("hosters without a documented method have no extractor", () => {
    expect(registry.get("Streamtape")).toBeNull();
    expect(registry.names()).toEqual([
      "VOE",
      "Filemoon",
      "Vidmoly",
      "LoadX",
      "Luluvdo",
      "Doodstream",
      "SpeedFiles",
      "Vidoza",
    ]);
  });
});
