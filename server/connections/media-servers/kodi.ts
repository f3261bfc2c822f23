import * as v from "valibot";
import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { joinUrl } from "../../lib/urls.ts";
import { ProviderError } from "../../providers/provider-error.ts";
import { basicAuth, callOutbound } from "../outbound.ts";
import type { MediaServer } from "./media-server.ts";

const RpcResponseSchema = v.object({
  result: v.optional(v.unknown()),
  error: v.optional(
    v.object({ code: v.optional(v.number()), message: v.optional(v.string(), "unknown error") }),
  ),
});

/** JSON-RPC's "Invalid params": what a Kodi older than the parameter answers. */
const INVALID_PARAMS = -32602;

/** Kodi matches a directory against its sources only with the trailing separator. */
function asDirectory(folder: string): string {
  const sep = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return folder.endsWith(sep) ? folder : `${folder}${sep}`;
}

/**
 * Kodi's JSON-RPC over HTTP (`/jsonrpc`, basic auth): `VideoLibrary.Scan` with a changed folder,
 * `VideoLibrary.Clean` with one that is gone.
 */
export function kodiServer(connection: StoredConnection): MediaServer {
  const target = connection.name;
  const { url: base, username } = connection.settings;
  const headers: Record<string, string> =
    username || connection.secret ? { authorization: basicAuth(username, connection.secret) } : {};
  const rpc = async (
    method: string,
    params?: Record<string, unknown>,
    signal?: AbortSignal,
    /** What to tell the user when Kodi refuses with these JSON-RPC error codes. */
    advice: Record<number, string> = {},
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
    const error = parsed.output.error;
    if (error) {
      const hint = error.code === undefined ? undefined : advice[error.code];
      const message = `Kodi refused ${method}: ${error.message}${hint ? ` (${hint})` : ""}`;
      throw new ProviderError(target, res.status, message, { retryable: false });
    }
    return parsed.output.result;
  };
  return {
    async test() {
      const pong = await rpc("JSONRPC.Ping");
      if (pong !== "pong") throw new ProviderError(target, null, `${target} did not answer the ping`);
      return "Kodi answered JSON-RPC";
    },
    async refresh({ changed, gone }, signal) {
      for (const folder of changed)
        await rpc("VideoLibrary.Scan", { directory: asDirectory(folder), showdialogs: false }, signal);
      // A scan never removes anything in Kodi: a folder renamed away is cleaned, that folder only (Kodi 19+).
      for (const folder of gone)
        await rpc(
          "VideoLibrary.Clean",
          { directory: asDirectory(folder), content: "tvshows", showdialogs: false },
          signal,
          {
            [INVALID_PARAMS]: `cleaning one folder needs Kodi 19 or later: clean the library in Kodi to drop ${folder}`,
          },
        );
      const asked = [
        ...(changed.length ? [`scan ${changed.length} folder(s)`] : []),
        ...(gone.length ? [`clean ${gone.length}`] : []),
      ];
      return `asked Kodi to ${asked.join(", to ") || "do nothing"}`;
    },
  };
}
