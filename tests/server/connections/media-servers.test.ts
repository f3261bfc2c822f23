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

function receiver(kind: ReceiverKind, options: Parameters<typeof startReceiver>[1] = {}): Receiver {
  const r = startReceiver(kind, options);
  started.push(r);
  return r;
}

test("a Jellyfin without /Library/Media/Updated gets a full library refresh instead", async () => {
  const r = receiver("jellyfin", { noMediaUpdated: true });
  const message = await mediaServer("jellyfin", r).refresh(["/media/anime/A"]);
  expect(message).toContain("full library refresh");
  expect(r.received.map((x) => x.path)).toEqual(["/Library/Refresh"]);
});

test("a Jellyfin client that met the 404 retries with the full refresh straight away", async () => {
  const r = receiver("jellyfin", { noMediaUpdated: true });
  const jellyfin = mediaServer("jellyfin", r);
  r.failNext(1, 503, "/Library/Refresh");
  const error = await jellyfin.refresh(["/media/anime/A"]).catch((e: unknown) => e);
  expect((error as ProviderError).retryable).toBe(true);
  expect(await jellyfin.refresh(["/media/anime/A"])).toContain("full library refresh");
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
    .refresh(["/elsewhere/A"])
    .catch((e: unknown) => e);
  expect((error as ProviderError).message).toContain("check the path mapping");
  expect((error as ProviderError).retryable).toBe(false);
  // The longest matching location wins, also with two sections holding parents of the folder.
  const nested = receiver("plex", { plexLocations: ["/data", "/data/anime"] });
  await mediaServer("plex", nested).refresh(["/data/anime/A"]);
  expect(nested.received.at(-1)?.query).toEqual({ path: "/data/anime/A" });
});

test("Kodi: a JSON-RPC error is an error; a 5xx is retryable", async () => {
  const r = receiver("kodi");
  const kodi = mediaServer("kodi", r);
  expect(await kodi.test()).toBe("Kodi answered JSON-RPC");
  r.failNext(1, 503);
  const error = await kodi.refresh(["smb://nas/A"]).catch((e: unknown) => e);
  expect((error as ProviderError).retryable).toBe(true);
  await kodi.refresh(["smb://nas/A"]);
  expect(r.received.at(-1)?.body).toMatchObject({
    method: "VideoLibrary.Scan",
    params: {
      directory: "smb://nas/A/",
      showdialogs: false,
    },
  });
});
