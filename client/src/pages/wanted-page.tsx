import { useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { WANTED_SORTS } from "../../../shared/activity.ts";
import { episodeCode } from "../../../shared/naming.ts";
import { Pager } from "../components/pager.tsx";
import { SelectAllCheckbox } from "../components/select-all-checkbox.tsx";
import { StaleBadge } from "../components/stale-badge.tsx";
import { useWanted, type WantedQuery } from "../lib/activity-queries.ts";
import { languageText } from "../lib/download-text.ts";
import { useEnqueue } from "../lib/downloads-queries.ts";
import { errorMessage } from "../lib/error-message.ts";

const PAGE = 50;
type Sort = (typeof WANTED_SORTS)[number];
const SORT_TEXT: Record<Sort, string> = {
  airDate: "Air date",
  series: "Series",
  episode: "Season / episode",
};

/** Every missing episode of the library, paged on the server: search, sort, pick some or all to download. */
export function WantedPage() {
  const [params, setParams] = useSearchParams<{ q?: string; sort?: string; dir?: string; page?: string }>();
  const page = () => Math.max(1, Number(params.page) || 1);
  const sort = (): Sort =>
    (WANTED_SORTS as readonly string[]).includes(params.sort ?? "") ? (params.sort as Sort) : "airDate";
  const query = createMemo(
    (): WantedQuery => ({
      sort: sort(),
      descending: params.dir !== "asc",
      limit: PAGE,
      offset: (page() - 1) * PAGE,
      ...(params.q ? { search: params.q } : {}),
    }),
  );
  const wanted = useWanted(query);
  const enqueue = useEnqueue();
  const [selected, setSelected] = createSignal<ReadonlySet<number>>(new Set());
  const rows = () => wanted.data?.items ?? [];
  const chosen = () =>
    rows()
      .filter((r) => selected().has(r.episodeId))
      .map((r) => r.episodeId);
  const download = (episodeIds: number[]) =>
    enqueue.mutate({ episodeIds }, { onSuccess: () => setSelected(new Set<number>()) });

  return (
    <section class="page" aria-labelledby="wanted-title">
      <div class="section-head">
        <h1 id="wanted-title">
          Wanted <StaleBadge query={wanted} />
        </h1>
        <button
          type="button"
          class="primary"
          disabled={!wanted.data?.total || enqueue.isPending}
          onClick={() => enqueue.mutate({ all: true })}
        >
          Download all missing{wanted.data ? ` (${wanted.data.total})` : ""}
        </button>
      </div>
      <form
        class="toolbar"
        aria-label="Filter wanted episodes"
        onSubmit={(e) => {
          e.preventDefault();
          const q = new FormData(e.currentTarget).get("q");
          setParams({ q: typeof q === "string" && q.trim() ? q.trim() : undefined, page: undefined });
        }}
      >
        <label class="field">
          <span>Series or episode title</span>
          <input name="q" type="search" value={params.q ?? ""} maxLength={200} />
        </label>
        <button type="submit">Filter</button>
        <label class="field">
          <span>Sort by</span>
          <select
            value={sort()}
            onChange={(e) => setParams({ sort: e.currentTarget.value, page: undefined })}
          >
            <For each={WANTED_SORTS}>{(s) => <option value={s}>{SORT_TEXT[s]}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>Order</span>
          <select
            value={params.dir === "asc" ? "asc" : "desc"}
            onChange={(e) => setParams({ dir: e.currentTarget.value, page: undefined })}
          >
            <option value="desc">newest / Z first</option>
            <option value="asc">oldest / A first</option>
          </select>
        </label>
      </form>
      <Show when={wanted.data} fallback={<p>{wanted.isError ? errorMessage(wanted.error) : "Loading…"}</p>}>
        {(w) => (
          <>
            <div class="toolbar bulk-bar" role="toolbar" aria-label="Selected episodes">
              <span aria-live="polite" data-testid="wanted-count">
                {w().total} missing · {chosen().length} selected
              </span>
              <button
                type="button"
                disabled={!chosen().length || enqueue.isPending}
                onClick={() => download(chosen())}
              >
                Download selected
              </button>
            </div>
            <div class="table-scroll">
              <table class="dense" data-testid="wanted">
                <thead>
                  <tr>
                    <th scope="col">
                      <SelectAllCheckbox
                        label="Select all on this page"
                        rows={rows().length}
                        selected={chosen().length}
                        onChange={(all) => setSelected(new Set(all ? rows().map((r) => r.episodeId) : []))}
                      />
                    </th>
                    <th scope="col">Series</th>
                    <th scope="col">Episode</th>
                    <th scope="col">Title</th>
                    <th scope="col">Air date</th>
                    <th scope="col">Languages offered</th>
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={rows()}
                    fallback={
                      <tr>
                        <td colspan="6" class="muted">
                          Nothing is missing.
                        </td>
                      </tr>
                    }
                  >
                    {(r) => (
                      <tr data-testid="wanted-row">
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Select ${r.seriesTitle} ${episodeCode(r.season, r.episode)}`}
                            checked={selected().has(r.episodeId)}
                            onChange={(e) => {
                              const next = new Set(selected());
                              if (e.currentTarget.checked) next.add(r.episodeId);
                              else next.delete(r.episodeId);
                              setSelected(next);
                            }}
                          />
                        </td>
                        <td class="cell-name">
                          <a href={`/series/${r.seriesId}`}>{r.seriesTitle}</a>
                        </td>
                        <td>{episodeCode(r.season, r.episode)}</td>
                        <td class="cell-name">{r.title ?? "–"}</td>
                        <td>{r.airDate ?? "unknown"}</td>
                        <td>{languageText(r.languages)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Pager
              page={page()}
              pageSize={PAGE}
              total={w().total}
              onPage={(p) => setParams({ page: String(p) })}
            />
          </>
        )}
      </Show>
    </section>
  );
}
