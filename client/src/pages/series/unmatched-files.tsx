import { useQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { useApi } from "../../lib/api-context.tsx";
import type { Outputs } from "../../lib/api-types.ts";
import { seriesGetKey } from "../../lib/series-cache.ts";

type UnmatchedFile = Outputs["library"]["unmatched"][number];

const REASONS: Record<UnmatchedFile["reason"], string> = {
  "no-number": "no episode number in the name",
  "not-in-catalogue": "the catalogue has no episode with this number",
  duplicate: "another file already holds this episode",
};

/**
 * Video files in the series folder that the last scan attached to no episode, so they are not silently
 * ignored. Shown only when there are some. The query key sits under the series' own key: whatever refreshes
 * the series (a scan, a download, a load) refreshes this list too.
 */
export function UnmatchedFiles(props: { seriesId: number }) {
  const api = useApi();
  const files = useQuery(() => ({
    queryKey: [...seriesGetKey(props.seriesId), "unmatched"],
    queryFn: () => api.client.library.unmatched.query({ seriesId: props.seriesId }),
  }));
  return (
    <Show when={(files.data ?? []).length > 0}>
      <section class="card" aria-labelledby="unmatched-title">
        <h2 id="unmatched-title">
          Files not matched to an episode <span class="muted">({files.data?.length})</span>
        </h2>
        <p class="muted">
          The last scan found these files in the series folder but could not tell which episode they are.
          Renaming them to a form like "Title - S01E05.mkv" and rescanning attaches them.
        </p>
        <table class="episodes">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Read as</th>
              <th scope="col">Why not matched</th>
            </tr>
          </thead>
          <tbody>
            <For each={files.data}>
              {(f) => (
                <tr>
                  <td>
                    <code>{f.path}</code>
                  </td>
                  <td>{f.reading ?? "—"}</td>
                  <td>{REASONS[f.reason]}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </Show>
  );
}
