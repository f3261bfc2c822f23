import type { Config } from "../config.ts";
import { messageOf } from "../lib/error-message.ts";

/**
 * `aniworld healthcheck [--host H] [--port N]`: exits 0 when the server on that address answers /healthz,
 * 1 otherwise. For container health checks, where no curl is installed.
 */
export async function runHealthcheck(config: Config): Promise<number> {
  // A server bound to every interface is reached through loopback.
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${config.port}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { status?: unknown };
    if (res.ok && body.status === "ok") {
      console.log(`ok: ${url}`);
      return 0;
    }
    console.error(`aniworld: ${url} answered ${res.status}`);
  } catch (error) {
    console.error(`aniworld: ${url} is not answering: ${messageOf(error)}`);
  }
  return 1;
}
