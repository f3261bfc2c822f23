import * as v from "valibot";
import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { joinUrl } from "../../lib/urls.ts";
import { ProviderError } from "../../providers/provider-error.ts";
import { basicAuth, callOutbound } from "../outbound.ts";
import type { MediaServer } from "./media-server.ts";

const RpcResponseSchema = v.object({
  result: v.optional(v.unknown()),
  error: v.optional(v.object({ message: v.optional(v.string(), "unknown error") })),
});

/** Kodi's JSON-RPC over HTTP (`/jsonrpc`, basic auth): `VideoLibrary.Scan` with the folder. */
export function kodiServer(connection: StoredConnection): MediaServer {
  const target = connection.name;
  const { url: base, username } = connection.settings;
  const headers: Record<string, string> =
    username || connection.secret ? { authorization: basicAuth(username, connection.secret) } : {};
  const rpc = async (
    method: string,
    params?: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> => {
    const res = await callOutbound({
      target,
      url: joinUrl(base, "jsonrpc"),
      headers,
      signal,
      body: { jsonrpc: "2.0", id: 1, method, ...(params ? { params } : {}) },
    });
    const parsed = v.safeParse(RpcResponseSchema, res.json());
    if (!parsed.success) throw new ProviderError(target, res.status, `${target} is not Kodi's JSON-RPC`);
    if (parsed.output.error)
      throw new ProviderError(target, res.status, `Kodi refused ${method}: ${parsed.output.error.message}`, {
        retryable: false,
      });
    return parsed.output.result;
  };
  return {
    async test() {
      const pong = await rpc("JSONRPC.Ping");
      if (pong !== "pong") throw new ProviderError(target, null, `${target} did not answer the ping`);
      return "Kodi answered JSON-RPC";
    },
    async refresh(folders, signal) {
      // Kodi matches the directory against its sources only with the trailing separator.
      for (const folder of folders) {
        const sep = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
        await rpc(
          "VideoLibrary.Scan",
          { directory: folder.endsWith(sep) ? folder : `${folder}${sep}`, showdialogs: false },
          signal,
        );
      }
      return `asked Kodi to scan ${folders.length} folder(s)`;
    },
  };
}
