/**
 * A loopback proxy between the page under test and the real app, to stage the races a network makes:
 * it can hold the answers of `downloads.list` (each read by the app when it arrived, sent on when
 * released), hold the app's WebSocket messages (in order, from the first one held), drop every socket, and
 * hold or refuse WebSocket upgrades (as a reverse proxy without upgrade support does). It signs every
 * request and handshake in with the API key and answers CORS for the page (happy-dom's origin is not the
 * app's). `stats` counts what the tests wait on.
 */
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type * as Ws from "ws";
import { nodeWs } from "./node-ws.ts";

interface TrpcMessage {
  id?: number | string;
  method?: string;
  params?: { path?: string };
  result?: { type?: string; data?: { type?: string } };
}

/** Of a socket's messages from the app: whether to hold this one (every later one waits behind it). */
type HoldRule = (message: TrpcMessage, progressIds: ReadonlySet<TrpcMessage["id"]>) => boolean;

interface Pair {
  page: Ws.WebSocket;
  app: Ws.WebSocket;
  progressIds: Set<TrpcMessage["id"]>;
  held: Ws.RawData[];
}

const LIST = "downloads.list";

/** The tRPC messages in one WebSocket frame (the client batches them into an array). */
function parse(data: Ws.RawData): TrpcMessage[] {
  try {
    const parsed = JSON.parse(data.toString()) as TrpcMessage | TrpcMessage[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
}

export async function startHoldingProxy(target: () => string, apiKey: string) {
  // listAnswers: the app's answers to `downloads.list` (held or not); progressData: the data messages of
  // `downloads.progress` passed to the page.
  const stats = { listAnswers: 0, progressSubscriptions: 0, progressData: 0, refusedUpgrades: 0 };
  const heldAnswers: (() => void)[] = [];
  let holdingLists = false;
  let holdRule: HoldRule | null = null;
  let upgrades: "pass" | "hold" | "refuse" = "pass";
  const heldUpgrades: (() => void)[] = [];
  const pairs = new Set<Pair>();
  const auth = { authorization: `Bearer ${apiKey}` };

  const forwardedHeaders = (headers: IncomingHttpHeaders) => {
    // The app's Origin check judges the page by its origin; here the proxy is the client.
    const { host: _host, origin: _origin, referer: _referer, ...rest } = headers;
    return { ...rest, ...auth };
  };

  const http = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
    res.setHeader("access-control-allow-headers", "content-type, trpc-accept");
    res.setHeader("access-control-allow-methods", "GET, POST");
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    const upstream = request(`${target()}${req.url ?? "/"}`, {
      method: req.method,
      headers: forwardedHeaders(req.headers),
      // A fresh connection each time: one the app closed while idle would fail the next request.
      agent: false,
    });
    upstream.on("response", async (answer) => {
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      const send = () => {
        const { "content-length": _length, ...headers } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, headers).end(Buffer.concat(chunks));
      };
      if (!decodeURIComponent(req.url ?? "").includes(LIST)) return send();
      stats.listAnswers++;
      if (holdingLists) heldAnswers.push(send);
      else send();
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  const toPage = (pair: Pair, data: Ws.RawData) => {
    for (const m of parse(data))
      if (m.result?.type === "data" && pair.progressIds.has(m.id)) stats.progressData++;
    pair.page.send(data.toString());
  };

  const wss = new nodeWs.WebSocketServer({ noServer: true });
  const connect = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const app = new nodeWs.WebSocket(`${target().replace(/^http/, "ws")}${req.url ?? "/"}`, {
      headers: auth,
    });
    app.once("error", () => socket.destroy());
    app.once("open", () =>
      wss.handleUpgrade(req, socket, head, (page) => {
        const pair: Pair = { page, app, progressIds: new Set(), held: [] };
        pairs.add(pair);
        page.on("message", (data) => {
          for (const message of parse(data))
            if (message.method === "subscription" && message.params?.path === "downloads.progress") {
              stats.progressSubscriptions++;
              pair.progressIds.add(message.id);
            }
          app.send(data.toString());
        });
        app.on("message", (data) => {
          const hold = (m: TrpcMessage) => holdRule?.(m, pair.progressIds) === true;
          if (pair.held.length || parse(data).some(hold)) pair.held.push(data);
          else toPage(pair, data);
        });
        const end = () => {
          pairs.delete(pair);
          page.terminate();
          app.terminate();
        };
        page.on("close", end);
        app.on("close", end);
        page.on("error", end);
        app.on("error", end);
      }),
    );
  };
  http.on("upgrade", (req, socket, head) => {
    if (upgrades === "refuse") {
      stats.refusedUpgrades++;
      socket.end("HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    } else if (upgrades === "hold") heldUpgrades.push(() => connect(req, socket, head));
    else connect(req, socket, head);
  });

  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  const { port } = http.address() as AddressInfo;

  const releaseMessages = () => {
    holdRule = null;
    for (const pair of pairs) for (const data of pair.held.splice(0)) toPage(pair, data);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    holdListAnswers(on: boolean) {
      holdingLists = on;
    },
    releaseListAnswers() {
      for (const send of heldAnswers.splice(0)) send();
    },
    /** Holds the first message of every `downloads.progress` subscription from now on: its snapshot. */
    holdSnapshots() {
      const answered = new Set<TrpcMessage["id"]>();
      holdRule = (m, progressIds) => {
        if (m.result?.type !== "data" || !progressIds.has(m.id) || answered.has(m.id)) return false;
        answered.add(m.id);
        return true;
      };
    },
    /** Holds every message the app sends from now on: the page hears nothing new until released. */
    holdAllMessages() {
      holdRule = () => true;
    },
    releaseMessages,
    /** Every socket drops, as when the app or a network in between goes away. */
    dropSockets() {
      for (const pair of pairs) {
        pair.page.terminate();
        pair.app.terminate();
      }
    },
    /**
     * WebSocket upgrades from now on: passed to the app, held (each connects to the app it finds when
     * released, so a page retrying meanwhile does not back off), or refused with 502.
     */
    upgrades(mode: "pass" | "hold" | "refuse") {
      upgrades = mode;
      if (mode !== "hold") for (const connectNow of heldUpgrades.splice(0)) connectNow();
    },
    async close() {
      this.upgrades("refuse");
      this.releaseListAnswers();
      this.dropSockets();
      wss.close();
      http.closeAllConnections();
      http.close();
    },
  };
}

export type HoldingProxy = Awaited<ReturnType<typeof startHoldingProxy>>;
