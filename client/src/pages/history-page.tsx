import { useSearchParams } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { HISTORY_RESULTS, type HistoryResult } from "../../../shared/activity.ts";
import { Pager } from "../components/pager.tsx";
import { ActivityNav } from "../components/section-navs.tsx";
import { StaleBadge } from "../components/stale-badge.tsx";
import { type HistoryFilter, useHistory } from "../lib/activity-queries.ts";
import { errorMessage } from "../lib/error-message.ts";
import { HistoryTable } from "./activity/history-table.tsx";

const PAGE = 50;
type Params = {
  series?: string;
  episode?: string;
  result?: string;
  from?: string;
  to?: string;
  page?: string;
};
const positive = (s: string | undefined) => (s && /^[1-9]\d{0,15}$/.test(s) ? Number(s) : undefined);
const day = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);

/** Every finished download, newest first; filters live in the address so a filtered view can be linked. */
export function HistoryPage() {
  const [params, setParams] = useSearchParams<Params>();
  const page = () => positive(params.page) ?? 1;
  const filter = createMemo((): HistoryFilter => {
    const f: HistoryFilter = { limit: PAGE, offset: (page() - 1) * PAGE };
    const series = positive(params.series);
    const episode = positive(params.episode);
    const result = (HISTORY_RESULTS as readonly string[]).includes(params.result ?? "")
      ? (params.result as HistoryResult)
      : undefined;
    if (series) f.seriesId = series;
    if (episode) f.episodeId = episode;
    if (result) f.result = result;
    if (day(params.from)) f.from = day(params.from);
    if (day(params.to)) f.to = day(params.to);
    return f;
  });
  const history = useHistory(filter);
  const set = (patch: Partial<Params>) => setParams({ ...patch, page: undefined });
  const seriesTitle = () => history.data?.items.find((r) => r.seriesId === filter().seriesId)?.seriesTitle;

  return (
    <section class="page" aria-labelledby="history-title">
      <h1 id="history-title">
        History <StaleBadge query={history} />
      </h1>
      <ActivityNav />
      <form class="toolbar" aria-label="Filter the history" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>Result</span>
          <select
            value={params.result ?? ""}
            onChange={(e) => set({ result: e.currentTarget.value || undefined })}
          >
            <option value="">any</option>
            <For each={HISTORY_RESULTS}>{(r) => <option value={r}>{r}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>From</span>
          <input
            type="date"
            value={params.from ?? ""}
            onChange={(e) => set({ from: e.currentTarget.value || undefined })}
          />
        </label>
        <label class="field">
          <span>To</span>
          <input
            type="date"
            value={params.to ?? ""}
            onChange={(e) => set({ to: e.currentTarget.value || undefined })}
          />
        </label>
        <Show when={filter().seriesId || filter().episodeId}>
          <p>
            Only {filter().episodeId ? "one episode of " : ""}
            {seriesTitle() ?? `series ${filter().seriesId ?? ""}`}.{" "}
            <button type="button" onClick={() => set({ series: undefined, episode: undefined })}>
              Show all series
            </button>
          </p>
        </Show>
      </form>
      <Show
        when={history.data}
        fallback={<p>{history.isError ? errorMessage(history.error) : "Loading…"}</p>}
      >
        {(h) => (
          <>
            <p class="muted" aria-live="polite" data-testid="history-count">
              {h().total} {h().total === 1 ? "entry" : "entries"}
            </p>
            <HistoryTable
              rows={h().items}
              onFilter={(f) =>
                set({ series: String(f.series), episode: f.episode ? String(f.episode) : undefined })
              }
            />
            <Pager
              page={page()}
              pageSize={PAGE}
              total={h().total}
              onPage={(p) => setParams({ page: String(p) })}
            />
          </>
        )}
      </Show>
    </section>
  );
}
