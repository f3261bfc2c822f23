import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { fetchHosterPage, HosterError } from "../../../server/downloads/hosters/hoster-extractor.ts";
import { VidozaExtractor } from "../../../server/downloads/hosters/vidoza-extractor.ts";
import { transferFile } from "../../../server/downloads/transfer/file-transfer.ts";
import { fetchPlaylist } from "../../../server/downloads/transfer/hls-playlist.ts";
import { TransferError } from "../../../server/downloads/transfer/transfer-error.ts";
import { TokenBucket } from "../../../server/lib/token-bucket.ts";
import { createHttpClient } from "../../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../../server/providers/http/rate-limiter.ts";
import { privateRange } from "../../../server/providers/net/address-guard.ts";
import { NO_NETWORK_CONFIG, Outbound } from "../../../server/providers/net/outbound.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

describe("the private-address rule", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["::ffff:192.168.1.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.254", "CGNAT"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:c0a8:0101::1", "private"],
  ])("%s is %s", (address, kind) => {
    expect(privateRange(address)).toBe(kind);
  });

  test.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(privateRange(address)).toBeNull();
    },
  );
});

/** A hostile hoster: its pages and media point at an "internal" service; one page never ends. */
let internalHits = 0;
const internal = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch() {
    internalHits++;
    return new Response("internal secret: admin password", { headers: { "Content-Type": "text/html" } });
  },
});
const internalUrl = internal.url.toString().replace(/\/$/, "");
const hostile = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/redirect-inside") return Response.redirect(`${internalUrl}/admin`, 302);
    if (path === "/vidoza/e/inside")
      return new Response(
        `<script>player.src({ sourcesCode: [{ src: "${internalUrl}/media.mp4" }] });</script>`,
        {
          headers: { "Content-Type": "text/html" },
        },
      );
    if (path === "/playlist-inside.m3u8")
      return new Response(`#EXTM3U\n#EXTINF:10,\n${internalUrl}/seg.ts\n#EXT-X-ENDLIST\n`);
    if (path === "/endless" || path === "/endless.m3u8") {
      const chunk = new Uint8Array(256 * 1024).fill(0x23);
      return new Response(
        new ReadableStream({
          pull(controller) {
            controller.enqueue(chunk);
          },
        }),
        { headers: { "Content-Type": "text/html" } },
      );
    }
    return new Response("not found", { status: 404 });
  },
});
const hostileUrl = hostile.url.toString().replace(/\/$/, "");

// The hostile hoster is trusted as if it were configured (it is on loopback too); the internal service is not.
const net = new Outbound({ ...NO_NETWORK_CONFIG, trustedOrigins: [hostileUrl] });
const http = createHttpClient({ limiter: new TokenBucketLimiter(), net, retry: { maxRetries: 0 } });
const tmp = tempDir();

beforeAll(() => {
  internalHits = 0;
});
afterAll(async () => {
  await Promise.all([internal.stop(true), hostile.stop(true)]);
  tmp.cleanup();
});

describe("a hostile hoster cannot reach an internal service", () => {
  test("a hoster page URL on loopback is refused with a reason naming the rule and the flag", async () => {
    const err = await fetchHosterPage("VOE", `${internalUrl}/e/x`, { http }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HosterError);
    expect((err as HosterError).reason).toBe("refused");
    expect((err as Error).message).toContain("resolves to a loopback address");
    expect((err as Error).message).toContain("--allow-private-hosts");
  });

  test("a redirect to the internal service is refused at that hop", async () => {
    const err = await fetchHosterPage("VOE", `${hostileUrl}/redirect-inside`, { http }).catch(
      (e: unknown) => e,
    );
    expect((err as HosterError).reason).toBe("refused");
  });

  test("a media URL and a playlist segment pointing inside are refused; nothing was ever asked of it", async () => {
    const source = await new VidozaExtractor().extract(`${hostileUrl}/vidoza/e/inside`, { http });
    expect(source.url).toBe(`${internalUrl}/media.mp4`);
    const err = await transferFile({
      url: source.url,
      net,
      headers: source.headers,
      partPath: join(tmp.path, "x.mp4.part"),
      signal: new AbortController().signal,
      bucket: new TokenBucket(0),
      stallMs: 5_000,
      keepFreeBytes: 0,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransferError);
    expect((err as TransferError).reason).toBe("refused");
    const playlist = await fetchPlaylist(
      net,
      `${hostileUrl}/playlist-inside.m3u8`,
      {},
      new AbortController().signal,
    );
    const segment = playlist.segments[0];
    if (!segment) throw new Error("no segment");
    const segErr = await transferFile({
      url: segment.url,
      net,
      headers: {},
      partPath: join(tmp.path, "s.part"),
      signal: new AbortController().signal,
      bucket: new TokenBucket(0),
      stallMs: 5_000,
      keepFreeBytes: 0,
    }).catch((e: unknown) => e);
    expect((segErr as TransferError).reason).toBe("refused");
    expect(internalHits).toBe(0);
  });

  test("with --allow-private-hosts the same page loads (the flag is the only way in)", async () => {
    const open = createHttpClient({
      limiter: new TokenBucketLimiter(),
      net: new Outbound({ ...NO_NETWORK_CONFIG, allowPrivateHosts: true }),
    });
    const page = await fetchHosterPage("VOE", `${hostileUrl}/redirect-inside`, { http: open });
    expect(page.text).toContain("internal secret");
  });
});

describe("caps hold while streaming", () => {
  test("endless chunked hoster pages and playlists end at the cap with bounded memory", async () => {
    Bun.gc(true);
    const before = process.memoryUsage.rss();
    for (let i = 0; i < 4; i++) {
      const err = await fetchHosterPage("VOE", `${hostileUrl}/endless`, { http }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as Error).message).toContain("larger than");
    }
    const playlistErr = await fetchPlaylist(
      net,
      `${hostileUrl}/endless.m3u8`,
      {},
      new AbortController().signal,
    ).catch((e: unknown) => e);
    expect(playlistErr).toBeInstanceOf(TransferError);
    expect((playlistErr as Error).message).toContain("too large");
    Bun.gc(true);
    // Whole-body reads of these would never end; capped reads keep growth to a few caps' worth.
    expect(process.memoryUsage.rss() - before).toBeLessThan(96 * 1024 * 1024);
  });
});
