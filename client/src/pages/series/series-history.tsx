import { createMemo, Show } from "solid-js";
import { type HistoryFilter, useHistory } from "../../lib/activity-queries.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { HistoryTable } from "../activity/history-table.tsx";

/** The series' download history, or one episode's; the full history page is one link away. */
export function SeriesHistory(props: {
  seriesId: number;
  episodeId: number | null;
  episodeName: string | null;
  onAllEpisodes: () => void;
}) {
  const filter = createMemo(
    (): HistoryFilter => ({
      seriesId: props.seriesId,
      ...(props.episodeId ? { episodeId: props.episodeId } : {}),
      limit: 50,
    }),
  );
  const history = useHistory(filter);
  return (
    <section class="card" aria-labelledby="history-title" id="series-history" tabindex="-1">
      <div class="section-head">
        <h2 id="history-title">History{props.episodeName ? ` of ${props.episodeName}` : ""}</h2>
        <Show when={props.episodeId}>
          <button type="button" onClick={() => props.onAllEpisodes()}>
            All episodes
          </button>
        </Show>
      </div>
      <Show
        when={history.data}
        fallback={<p>{history.isError ? errorMessage(history.error) : "Loading…"}</p>}
      >
        {(h) => (
          <>
            <HistoryTable rows={h().items} compact />
            <Show when={h().total > h().items.length}>
              <p>
                <a href={`/activity/history?series=${props.seriesId}`}>All {h().total} entries</a>
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
