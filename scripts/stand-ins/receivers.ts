/**
 * Stand-ins for the services Aniworld's connections talk to, on 127.0.0.1: Jellyfin, Emby, Plex, Kodi
 * (JSON-RPC), ntfy, Gotify, Discord webhooks and a generic webhook. Each checks credentials the way the
 * real one does (401 otherwise), answers like it, and records every request it accepted. `failNext`
 * makes the next requests (or the next ones to one path) fail with a status (a receiver that is down or
 * overloaded).
 */

export const RECEIVER_KINDS = [
  "jellyfin",
  "emby",
  "plex",
  "kodi",
  "ntfy",
  "gotify",
  "discord",
  "webhook",
] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];

export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the text ("" for none). */
  body: unknown;
}

export interface ReceiverOptions {
  /** The API key / token it demands (Kodi: the password of user "kodi"). Default "secret-token". */
  secret?: string;
  /** Plex: the folders of its one TV section, as the Plex server sees them. */
  plexLocations?: string[];
  /** Jellyfin/Emby: answer 404 to /Library/Media/Updated, like a server without that endpoint. */
  noMediaUpdated?: boolean;
  /**
   * Kodi: the major version it answers as (default 21). Before 19, VideoLibrary.Clean takes no `directory`
   * and Kodi refuses the call ("Invalid params").
   */
  kodiVersion?: number;
  /** Called for each accepted request (after it was recorded), e.g. to print it. */
  onReceive?: (received: Received) => void;
}

export interface Receiver {
  kind: ReceiverKind;
  /** What to enter as the connection's URL (Discord: the webhook URL is the secret, see `discordUrl`). */
  url: string;
  secret: string;
  /** Discord only: the full webhook URL. */
  discordUrl: string;
  received: Received[];
  /** Every request that reached it, accepted or not. */
  hits: number;
  /** The next `times` requests fail with `status`; with `path`, only requests to that path count. */
  failNext(times: number, status?: number, path?: string): void;
  /** Resolves once `count` requests were accepted. */
  waitForReceived(count: number): Promise<void>;
  stop(): Promise<void>;
}

export function startReceiver(kind: ReceiverKind, options: ReceiverOptions = {}): Receiver {
  const secret = options.secret ?? "secret-token";
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let failures: { times: number; status: number; path: string | null } = {
    times: 0,
    status: 503,
    path: null,
  };
  let hits = 0;

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      hits++;
      const url = new URL(req.url);
      if (failures.times > 0 && (failures.path === null || failures.path === url.pathname)) {
        failures = { ...failures, times: failures.times - 1 };
        return new Response("unavailable", { status: failures.status });
      }
      const text = await req.text();
      let body: unknown = text;
      if (text && (req.headers.get("content-type") ?? "").includes("json")) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          return new Response("bad json", { status: 400 });
        }
      }
      const record: Received = {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(req.headers),
        body,
      };
      const response = answer(kind, record, secret, options);
      if (response.status < 300) {
        received.push(record);
        options.onReceive?.(record);
        for (const w of [...waiters])
          if (received.length >= w.count) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
      }
      return response;
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    kind,
    url: kind === "webhook" ? `${url}/hook` : url,
    secret,
    discordUrl: `${url}/api/webhooks/1234/${secret}`,
    received,
    get hits() {
      return hits;
    },
    failNext(times, status = 503, path) {
      failures = { times, status, path: path ?? null };
    },
    waitForReceived(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async stop() {
      await server.stop(true);
    },
  };
}

const unauthorized = () => new Response("unauthorized", { status: 401 });
const notFound = () => new Response("not found", { status: 404 });

function answer(kind: ReceiverKind, r: Received, secret: string, options: ReceiverOptions): Response {
  const h = r.headers;
  switch (kind) {
    case "jellyfin":
    case "emby": {
      const token = kind === "emby" ? h["x-emby-token"] : /Token="([^"]*)"/.exec(h.authorization ?? "")?.[1];
      if (token !== secret) return unauthorized();
      if (r.method === "GET" && r.path === "/System/Info")
        return Response.json({ ServerName: "stand-in", Version: "10.10.7", Id: "abc" });
      if (r.method === "POST" && r.path === "/Library/Media/Updated" && options.noMediaUpdated)
        return notFound();
      if (r.method === "POST" && (r.path === "/Library/Media/Updated" || r.path === "/Library/Refresh"))
        return new Response(null, { status: 204 });
      return notFound();
    }
    case "plex": {
      if (h["x-plex-token"] !== secret) return unauthorized();
      if (r.path === "/library/sections")
        return Response.json({
          MediaContainer: {
            size: 2,
            Directory: [
              { key: "1", title: "Movies", type: "movie", Location: [{ id: 1, path: "/data/movies" }] },
              {
                key: "2",
                title: "Anime",
                type: "show",
                Location: (options.plexLocations ?? ["/data/anime"]).map((path, id) => ({
                  id: id + 2,
                  path,
                })),
              },
            ],
          },
        });
      if (/^\/library\/sections\/\d+\/refresh$/.test(r.path)) return new Response(null, { status: 200 });
      return notFound();
    }
    case "kodi": {
      if (h.authorization !== `Basic ${Buffer.from(`kodi:${secret}`).toString("base64")}`)
        return unauthorized();
      if (r.path !== "/jsonrpc" || r.method !== "POST") return notFound();
      const call = r.body as { id?: unknown; method?: unknown; params?: Record<string, unknown> };
      const error = (code: number, message: string) =>
        Response.json({ jsonrpc: "2.0", id: call.id, error: { code, message } });
      const params = call.params ?? {};
      switch (call.method) {
        case "JSONRPC.Ping":
          return Response.json({ jsonrpc: "2.0", id: call.id, result: "pong" });
        case "VideoLibrary.Scan":
        case "VideoLibrary.Clean": {
          const known =
            call.method === "VideoLibrary.Scan"
              ? ["directory", "showdialogs"]
              : (options.kodiVersion ?? 21) >= 19
                ? ["directory", "content", "showdialogs"]
                : ["content", "showdialogs"];
          if (Object.keys(params).some((k) => !known.includes(k))) return error(-32602, "Invalid params.");
          return Response.json({ jsonrpc: "2.0", id: call.id, result: "OK" });
        }
        default:
          return error(-32601, "Method not found.");
      }
    }
    case "ntfy":
      if (h.authorization !== `Bearer ${secret}`) return unauthorized();
      if (r.method !== "POST" || !/^\/[-\w]+$/.test(r.path)) return notFound();
      return Response.json({ id: "x1", event: "message", topic: r.path.slice(1), message: r.body });
    case "gotify":
      if (h["x-gotify-key"] !== secret) return unauthorized();
      if (r.method !== "POST" || r.path !== "/message") return notFound();
      return Response.json({ id: 1, ...(r.body as object) });
    case "discord":
      if (r.path !== `/api/webhooks/1234/${secret}`) return unauthorized();
      return r.method === "POST" ? new Response(null, { status: 204 }) : notFound();
    case "webhook":
      return r.path === "/hook" && r.method === "POST" ? new Response("ok") : notFound();
  }
}
