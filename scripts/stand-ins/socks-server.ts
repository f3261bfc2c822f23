/**
 * A SOCKS5 proxy stand-in on 127.0.0.1 (RFC 1928 CONNECT, no auth or username/password per RFC 1929):
 * enough to prove that provider traffic really travels through a socks5:// proxy. Records every
 * destination asked for.
 */

import type { AddressInfo } from "node:net";
import { connect, createServer, type Socket } from "node:net";

export interface SocksServer {
  url: string;
  destinations: string[];
  stop(): Promise<void>;
}

export async function startSocksServer(auth?: { user: string; password: string }): Promise<SocksServer> {
  const destinations: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    let stage: "greeting" | "auth" | "request" | "piped" = "greeting";
    let buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      if (stage === "piped") return;
      buffer = Buffer.concat([buffer, chunk]);
      if (stage === "greeting") {
        if (buffer.length < 2 || buffer.length < 2 + (buffer[1] ?? 0)) return;
        const methods = [...buffer.subarray(2, 2 + (buffer[1] ?? 0))];
        buffer = buffer.subarray(2 + (buffer[1] ?? 0));
        const method = auth ? 2 : 0;
        if (!methods.includes(method)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, method]));
        stage = auth ? "auth" : "request";
      }
      if (stage === "auth") {
        const ulen = buffer[1] ?? 0;
        const plen = buffer[2 + ulen] ?? 0;
        if (buffer.length < 3 + ulen + plen) return;
        const user = buffer.subarray(2, 2 + ulen).toString();
        const password = buffer.subarray(3 + ulen, 3 + ulen + plen).toString();
        buffer = buffer.subarray(3 + ulen + plen);
        const ok = user === auth?.user && password === auth?.password;
        client.write(Buffer.from([1, ok ? 0 : 1]));
        if (!ok) return void client.end();
        stage = "request";
      }
      if (stage === "request") {
        if (buffer.length < 5) return;
        const type = buffer[3];
        let host = "";
        let at = 4;
        if (type === 1) {
          host = [...buffer.subarray(4, 8)].join(".");
          at = 8;
        } else if (type === 3) {
          const len = buffer[4] ?? 0;
          if (buffer.length < 5 + len + 2) return;
          host = buffer.subarray(5, 5 + len).toString();
          at = 5 + len;
        } else return void client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0]));
        if (buffer.length < at + 2) return;
        const port = buffer.readUInt16BE(at);
        const rest = buffer.subarray(at + 2);
        destinations.push(`${host}:${port}`);
        stage = "piped";
        const upstream = connect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          if (rest.length) upstream.write(rest);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on("error", () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
        client.on("close", () => upstream.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : "";
  return {
    url: `socks5://${credentials}127.0.0.1:${port}`,
    destinations,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
