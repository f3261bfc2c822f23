import * as v from "valibot";
import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { joinUrl } from "../../lib/urls.ts";
import { ProviderError } from "../../providers/provider-error.ts";
import { callOutbound } from "../outbound.ts";
import type { MediaServer } from "./media-server.ts";

const SystemInfoSchema = v.object({ ServerName: v.optional(v.string()), Version: v.optional(v.string()) });

/**
 * Jellyfin and Emby share this API: `POST /Library/Media/Updated` reports changed paths ("Modified") and
 * removed ones ("Deleted") so only those are rescanned; a server that does not know the endpoint (404) gets
 * a full `POST /Library/Refresh` instead.
 * Jellyfin takes the key in the MediaBrowser authorization header, Emby in X-Emby-Token. The client serves
 * one delivery: once the server answered 404, its retries go straight to the full refresh.
 */
export function jellyfinServer(connection: StoredConnection): MediaServer {
  const label = connection.kind === "emby" ? "Emby" : "Jellyfin";
  const target = connection.name;
  const base = connection.settings.url;
  const headers: Record<string, string> =
    connection.kind === "emby"
      ? { "x-emby-token": connection.secret }
      : { authorization: `MediaBrowser Client="Aniworld", Token="${connection.secret}"` };
  let takesPaths = true;
  const fullRefresh = async (signal?: AbortSignal) => {
    await callOutbound({ target, url: joinUrl(base, "Library/Refresh"), headers, method: "POST", signal });
    return `${label} does not take changed paths: asked for a full library refresh`;
  };
  return {
    async test() {
      const res = await callOutbound({ target, url: joinUrl(base, "System/Info"), headers });
      const info = v.safeParse(SystemInfoSchema, res.json());
      if (!info.success) throw new ProviderError(target, res.status, `${target} is not a ${label} server`);
      return `${label} ${info.output.Version ?? "(version unknown)"} "${info.output.ServerName ?? ""}" accepted the API key`;
    },
    async refresh({ changed, gone }, signal) {
      if (!takesPaths) return fullRefresh(signal);
      try {
        const updates = [
          ...changed.map((Path) => ({ Path, UpdateType: "Modified" })),
          ...gone.map((Path) => ({ Path, UpdateType: "Deleted" })),
        ];
        await callOutbound({
          target,
          url: joinUrl(base, "Library/Media/Updated"),
          headers,
          signal,
          body: { Updates: updates },
        });
        return `reported ${changed.length} changed and ${gone.length} removed folder(s) to ${label}`;
      } catch (error) {
        if (!(error instanceof ProviderError) || error.status !== 404) throw error;
        takesPaths = false;
        return fullRefresh(signal);
      }
    },
  };
}
