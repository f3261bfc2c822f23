import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mediaSha256 } from "../../../../scripts/stand-ins/hoster-media.ts";
import { speedfilesEncode, speedfilesPage } from "../../../../scripts/stand-ins/hoster-pages.ts";
import { type HosterServer, startHosterServer } from "../../../../scripts/stand-ins/hoster-server.ts";
import { ExtractorRegistry } from "../../../../server/downloads/hosters/extractor-registry.ts";
import { HosterError } from "../../../../server/downloads/hosters/hoster-extractor.ts";
import { speedfilesDecode } from "../../../../server/downloads/hosters/speedfiles-extractor.ts";
import { loopbackHttp } from "../../../helpers/outbound.ts";

let hoster: HosterServer;
const CTX = { http: loopbackHttp() };
// The catalogue's icon and heading say "SpeedFiles"; the registry matches names case-insensitively.
const speedfiles = new ExtractorRegistry().get("SpeedFiles");
beforeAll(async () => {
  hoster = await startHosterServer({ variants: { "speedfiles/sf-down": "down" } });
});
afterAll(() => hoster.stop());

describe("SpeedFiles", () => {
  test("the obfuscated source decodes in both orders public clients use; anything else is null", () => {
    const url = "https://cdn.speedfiles.example/dl/a1B2c3/video.mp4?token=Zz9&e=1";
    expect(speedfilesDecode(speedfilesEncode(url))).toBe(url);
    expect(speedfilesDecode(speedfilesEncode(url, { reverseOuter: false }))).toBe(url);
    expect(speedfilesDecode(btoa("not the scheme"))).toBeNull();
    expect(speedfilesDecode(speedfilesEncode("javascript:alert(1)"))).toBeNull();
    expect(speedfilesDecode("%%%")).toBeNull();
  });

  test("the page's _0x5opu234 gives the direct MP4, whose bytes match", async () => {
    const source = await speedfiles?.extract(`${hoster.url}/speedfiles/e/sf1`, CTX);
    expect(source).toMatchObject({ kind: "file", url: `${hoster.url}/media/speedfiles/sf1.mp4` });
    const res = await fetch(source?.url ?? "", { headers: source?.headers });
    const sha = new Bun.CryptoHasher("sha256").update(await res.bytes()).digest("hex");
    expect(sha).toBe(mediaSha256("sf1", hoster.behaviour.mediaSize("sf1")));
  });

  test("a page encoded in the other order works too", async () => {
    const source = await speedfiles?.extract(`${hoster.url}/speedfiles/e/sf2-alt`, CTX);
    expect(source?.url).toBe(`${hoster.url}/media/speedfiles/sf2-alt.mp4`);
  });

  test("Cloudflare's 521 'Web server is down' ends as a clean HosterError", async () => {
    const error = await speedfiles
      ?.extract(`${hoster.url}/speedfiles/e/sf-down`, CTX)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HosterError);
    expect((error as HosterError).reason).toBe("http");
    expect((error as HosterError).status).toBe(521);
    expect((error as HosterError).message).toBe("SpeedFiles: the hoster's web server is down (HTTP 521)");
  });

  test("a 'Web server is down' page with status 200 fails as a 521 does; a page without the encoded source, as a parse error", async () => {
    const server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (req) =>
        new Response(
          req.url.endsWith("/down")
            ? "<title>521: Web server is down</title>"
            : speedfilesPage("").replace("_0x5opu234", "_0xother"),
          { headers: { "content-type": "text/html" } },
        ),
    });
    try {
      const down = await speedfiles?.extract(`${server.url}e/down`, CTX).catch((e: unknown) => e);
      // The same error as the 521 answer: the page names that status.
      expect(down).toBeInstanceOf(HosterError);
      expect((down as HosterError).reason).toBe("http");
      expect((down as HosterError).message).toBe("SpeedFiles: the hoster's web server is down (HTTP 521)");
      const changed = await speedfiles?.extract(`${server.url}e/x`, CTX).catch((e: unknown) => e);
      expect((changed as HosterError).reason).toBe("parse");
    } finally {
      await server.stop(true);
    }
  });
});
