import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SocksClient } from "socks";

/**
 * Bun's fetch speaks HTTP(S) proxies only (a `socks5://` proxy is refused with UnsupportedProxyProtocol).
 * For a SOCKS5 proxy, this bridge listens on loopback as an HTTP proxy and carries each connection over
 * SOCKS5: CONNECT tunnels (https targets) byte for byte, plain-http requests re-sent over a SOCKS socket.
 * Host names travel to the SOCKS server unresolved (socks5h behaviour).
 */
export interface SocksBridge {
  /** The http:// proxy URL to hand to fetch. */
  url: string;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 20_000;

export async function startSocksBridge(socksUrl: string): Promise<SocksBridge> {
  const proxy = new URL(socksUrl);
  const open = (host: string, port: number): Promise<Socket> =>
    SocksClient.createConnection({
      proxy: {
        host: proxy.hostname.replace(/^\[|\]$/g, ""),
        port: Number(proxy.port || 1080),
        type: 5,
        ...(proxy.username ? { userId: decodeURIComponent(proxy.username) } : {}),
        ...(proxy.password ? { password: decodeURIComponent(proxy.password) } : {}),
      },
      command: "connect",
      destination: { host, port },
      timeout: CONNECT_TIMEOUT_MS,
    }).then((c) => c.socket);

  const server: Server = createServer((req, res) => {
    void forward(req, open).then(
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
      () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      },
    );
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.url ?? "");
    if (!m) {
      client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      return;
    }
    open(m[1] ?? "", Number(m[2])).then(
      (upstream) => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
        const drop = () => {
          upstream.destroy();
          client.destroy();
        };
        upstream.on("error", drop);
        client.on("error", drop);
      },
      () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A plain-http request in absolute form, sent on over a SOCKS connection to its host. */
async function forward(req: IncomingMessage, open: (host: string, port: number) => Promise<Socket>) {
  const target = new URL(req.url ?? "");
  if (target.protocol !== "http:") throw new Error("only http:// is forwarded; https goes through CONNECT");
  const socket = await open(target.hostname, Number(target.port || 80));
  const headers = { ...req.headers };
  delete headers["proxy-connection"];
  delete headers["proxy-authorization"];
  return new Promise<IncomingMessage>((resolve, reject) => {
    const out = httpRequest(
      {
        method: req.method,
        path: target.pathname + target.search,
        headers,
        createConnection: () => socket,
      },
      resolve,
    );
    out.on("error", reject);
    req.pipe(out);
  });
}
