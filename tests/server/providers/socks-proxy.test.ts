import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type SocksServer, startSocksServer } from "../../../scripts/stand-ins/socks-server.ts";
import { NO_NETWORK_CONFIG, Outbound } from "../../../server/providers/net/outbound.ts";
import { startSocksBridge } from "../../../server/providers/net/socks-bridge.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const target = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: (req) => new Response(`plain ${new URL(req.url).pathname} ua=${req.headers.get("user-agent")}`),
});
let socks: SocksServer;
beforeAll(async () => {
  socks = await startSocksServer({ user: "anime", password: "s3cret" });
});
afterAll(async () => {
  await target.stop(true);
  await socks.stop();
});

test("a socks5:// proxy carries provider traffic (Bun's fetch alone refuses SOCKS; the bridge fronts it)", async () => {
  const net = new Outbound({ ...NO_NETWORK_CONFIG, allowPrivateHosts: true, proxyUrl: socks.url });
  try {
    const { response } = await net.fetch("test", { url: new URL(`${target.url}page`) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("plain /page ua=Mozilla/5.0");
    expect(socks.destinations).toContain(`127.0.0.1:${target.port}`);
  } finally {
    net.close();
  }
});

test("https targets go through the bridge as CONNECT tunnels over SOCKS5", async () => {
  const tmp = tempDir();
  const key = join(tmp.path, "key.pem");
  const cert = join(tmp.path, "cert.pem");
  const made = Bun.spawnSync(
    [
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
    ],
    { stdout: "ignore", stderr: "ignore" },
  );
  if (made.exitCode !== 0) throw new Error("openssl could not make a test certificate");
  const tls = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: { key: Bun.file(key), cert: Bun.file(cert) },
    fetch: () => new Response("over tls"),
  });
  const bridge = await startSocksBridge(socks.url);
  try {
    const res = await fetch(`https://127.0.0.1:${tls.port}/`, {
      proxy: bridge.url,
      tls: { rejectUnauthorized: false },
    });
    expect(await res.text()).toBe("over tls");
    expect(socks.destinations).toContain(`127.0.0.1:${tls.port}`);
  } finally {
    bridge.close();
    await tls.stop(true);
    tmp.cleanup();
  }
});

test("wrong SOCKS credentials end in a clean failure, not a hang", async () => {
  const wrong = socks.url.replace("s3cret", "nope");
  const net = new Outbound({ ...NO_NETWORK_CONFIG, allowPrivateHosts: true, proxyUrl: wrong });
  try {
    const res = await net.fetch("test", { url: new URL(`${target.url}page`) }).then(
      (r) => r.response.status,
      () => "failed",
    );
    expect(res === "failed" || res === 502).toBe(true);
  } finally {
    net.close();
  }
});
