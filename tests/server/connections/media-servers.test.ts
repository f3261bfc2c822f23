import { afterEach, expect, test } from "bun:test";
import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { type Receiver, type ReceiverKind, startReceiver } from "../../../scripts/stand-ins/receivers.ts";
import { clientFor } from "../../../server/connections/connection-clients.ts";
import type { MediaServer } from "../../../server/connections/media-servers/media-server.ts";
import { ProviderError } from "../../../server/providers/provider-error.ts";

const started: Receiver[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((r) => r.stop()));
});

function mediaServer(kind: ReceiverKind, r: Receiver, patch: Partial<StoredConnection> = {}): MediaServer {
  const connection: StoredConnection = {
    id: 1,
    name: `${kind} stand-in`,
    kind: kind as StoredConnection["kind"],
    enabled: true,
    secret: r.secret,
    settings: {
      url: r.url,
      username: kind === "kodi" ? "kodi" : "",
      topic: "",
      events: [],
      pathMappings: [],
    },
    lastResult: null,
    ...patch,
  };
  const target = clientFor(connection);
  if (target.type !== "media") throw new Error(`${kind} is not a media server`);
  return target.client;
}

const changed = (...folders: string[]) => ({ changed: folders, gone: [] });
/** A series folder renamed from `from` to `to`. */
const moved = (from: string, to: string) => ({ changed: [to], gone: [from] });

function receiver(kind: ReceiverKind, options: Parameters<typeof startReceiver>[1] = {}): Receiver {
  const r = startReceiver(kind, options);
  started.push(r);
  return r;
}

test("a Jellyfin without /Library/Media/Updated gets a full library refresh instead", async () => {
  const r = receiver("jellyfin", { noMediaUpdated: true });
  const message = await mediaServer("jellyfin", r).refresh(changed("/media/anime/A"));
  expect(message).toContain("full library refresh");
  expect(r.received.map((x) => x.path)).toEqual(["/Library/Refresh"]);
});

test("a Jellyfin client that met the 404 retries with the full refresh straight away", async () => {
  const r = receiver("jellyfin", { noMediaUpdated: true });
  const jellyfin = mediaServer("jellyfin", r);
  r.failNext(1, 503, "/Library/Refresh");
  const error = await jellyfin.refresh(changed("/media/anime/A")).catch((e: unknown) => e);
  expect((error as ProviderError).retryable).toBe(true);
  expect(await jellyfin.refresh(changed("/media/anime/A"))).toContain("full library refresh");
  // Asked once for changed paths (404), then the refused and the accepted full refresh.
  expect(r.hits).toBe(3);
  expect(r.received.map((x) => x.path)).toEqual(["/Library/Refresh"]);
});

test("a wrong key is a clear, non-retryable error", async () => {
  const r = receiver("emby");
  const error = await mediaServer("emby", r, { secret: "wrong" })
    .test()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).retryable).toBe(false);
  expect((error as ProviderError).message).toContain("401 (check the API key or token)");
});

test("Plex: a folder outside every section is reported with advice about the path mapping", async () => {
  const r = receiver("plex", { plexLocations: ["/data/anime"] });
  const error = await mediaServer("plex", r)
    .refresh(changed("/elsewhere/A"))
    .catch((e: unknown) => e);
  expect((error as ProviderError).message).toContain("check the path mapping");
  expect((error as ProviderError).retryable).toBe(false);
  // The longest matching location wins, also with two sections holding parents of the folder.
  const nested = receiver("plex", { plexLocations: ["/data", "/data/anime"] });
  await mediaServer("plex", nested).refresh(changed("/data/anime/A"));
  expect(nested.received.at(-1)?.query).toEqual({ path: "/data/anime/A" });
});

test("Kodi: a JSON-RPC error is an error; a 5xx is retryable", async () => {
  const r = receiver("kodi");
  const kodi = mediaServer("kodi", r);
  expect(await kodi.test()).toBe("Kodi answered JSON-RPC");
  r.failNext(1, 503);
  const error = await kodi.refresh(changed("smb://nas/A")).catch((e: unknown) => e);
  expect((error as ProviderError).retryable).toBe(true);
  await kodi.refresh(changed("smb://nas/A"));
  expect(r.received.at(-1)?.body).toMatchObject({
    method: "VideoLibrary.Scan",
    params: {
      directory: "smb://nas/A/",
      showdialogs: false,
    },
  });
});

test("a renamed series folder: Jellyfin and Emby hear of the new folder and of the old one's removal", async () => {
  for (const kind of ["jellyfin", "emby"] as const) {
    const r = receiver(kind);
    const message = await mediaServer(kind, r).refresh(moved("/media/anime/Old", "/media/anime/New (2020)"));
    expect(message).toContain("1 changed and 1 removed");
    expect(r.received.map((x) => x.body)).toEqual([
      {
        Updates: [
          { Path: "/media/anime/New (2020)", UpdateType: "Modified" },
          { Path: "/media/anime/Old", UpdateType: "Deleted" },
        ],
      },
    ]);
  }
});

test("a renamed series folder: Plex scans the new folder first, then the old one, in their section", async () => {
  const r = receiver("plex", { plexLocations: ["/data/anime"] });
  await mediaServer("plex", r).refresh(moved("/data/anime/Old", "/data/anime/New (2020)"));
  expect(r.received.map((x) => [x.path, x.query.path])).toEqual([
    ["/library/sections", undefined],
    ["/library/sections/2/refresh", "/data/anime/New (2020)"],
    ["/library/sections/2/refresh", "/data/anime/Old"],
  ]);
});

test("a renamed series folder: Kodi scans the new folder and cleans the old one only", async () => {
  const r = receiver("kodi");
  const message = await mediaServer("kodi", r).refresh(moved("smb://nas/anime/Old", "smb://nas/anime/New"));
  expect(message).toBe("asked Kodi to scan 1 folder(s), to clean 1");
  expect(r.received.map((x) => x.body)).toMatchObject([
    { method: "VideoLibrary.Scan", params: { directory: "smb://nas/anime/New/", showdialogs: false } },
    {
      method: "VideoLibrary.Clean",
      params: { directory: "smb://nas/anime/Old/", content: "tvshows", showdialogs: false },
    },
  ]);
});

test("a Kodi too old to clean one folder: the new folder is scanned, the error says what to do", async () => {
  const r = receiver("kodi", { kodiVersion: 18 });
  const error = await mediaServer("kodi", r)
    .refresh(moved("smb://nas/anime/Old", "smb://nas/anime/New"))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).retryable).toBe(false);
  expect((error as ProviderError).message).toBe(
    "Kodi refused VideoLibrary.Clean: Invalid params. (cleaning one folder needs Kodi 19 or later: clean the library in Kodi to drop smb://nas/anime/Old)",
  );
  expect(r.received.map((x) => (x.body as { method: string }).method)).toEqual([
    "VideoLibrary.Scan",
    "VideoLibrary.Clean",
  ]);
});
