import * as v from "valibot";
import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { joinUrl } from "../../lib/urls.ts";
import { ProviderError } from "../../providers/provider-error.ts";
import { callOutbound } from "../outbound.ts";
import { closestParent } from "../path-mapping.ts";
import type { MediaServer } from "./media-server.ts";

const SectionsSchema = v.object({
  MediaContainer: v.object({
    Directory: v.optional(
      v.array(
        v.object({
          key: v.string(),
          title: v.optional(v.string(), ""),
          Location: v.optional(v.array(v.object({ path: v.string() })), []),
        }),
      ),
      [],
    ),
  }),
});
type Section = v.InferOutput<typeof SectionsSchema>["MediaContainer"]["Directory"][number];

/**
 * Plex: the library sections are read from `/library/sections`, and each folder is refreshed with
 * `/library/sections/{key}/refresh?path=…` in the section whose location holds it (a partial scan; of a
 * folder that is gone, Plex trashes what it had from there, and empties the trash per its own setting). A
 * renamed folder's new place is scanned before its old one, so Plex finds the files again before it misses
 * them. The client serves one delivery, so the sections are read once for all its attempts: a retry follows a
 * failed refresh, and Plex's sections do not change within the minutes a delivery retries.
 */
export function plexServer(connection: StoredConnection): MediaServer {
  const target = connection.name;
  const base = connection.settings.url;
  const headers = { "x-plex-token": connection.secret, accept: "application/json" };
  let known: Section[] | null = null;
  const sections = async (signal?: AbortSignal): Promise<Section[]> => {
    const res = await callOutbound({ target, url: joinUrl(base, "library/sections"), headers, signal });
    const parsed = v.safeParse(SectionsSchema, res.json());
    if (!parsed.success) throw new ProviderError(target, res.status, `${target} is not a Plex server`);
    return parsed.output.MediaContainer.Directory;
  };
  return {
    async test() {
      const list = await sections();
      return `Plex accepted the token; sections: ${list.map((s) => s.title).join(", ") || "none"}`;
    },
    async refresh({ changed, gone }, signal) {
      const folders = [...changed, ...gone];
      known ??= await sections(signal);
      const locations = known.flatMap((section) => section.Location.map(({ path }) => ({ section, path })));
      const done: string[] = [];
      for (const folder of folders) {
        const section = closestParent(folder, locations, (l) => l.path)?.section;
        if (!section)
          throw new ProviderError(
            target,
            null,
            `no Plex library section holds ${folder} (check the path mapping)`,
            { retryable: false },
          );
        const url = joinUrl(base, `library/sections/${encodeURIComponent(section.key)}/refresh`);
        url.searchParams.set("path", folder);
        await callOutbound({ target, url, headers, signal });
        done.push(section.title);
      }
      return `refreshed ${folders.length} folder(s) in Plex section ${[...new Set(done)].join(", ")}`;
    },
  };
}
