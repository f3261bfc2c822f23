import { Show } from "solid-js";
import type { SeriesSummary } from "../../../shared/series-list.ts";
import { LOADING_STEPS } from "../../../shared/series-loading.ts";
import { posterSource } from "../lib/artwork.ts";
import { formatYears } from "../lib/format.ts";
import { type LoadingFields, snapshotOf } from "../lib/series-cache.ts";
import { Poster } from "./artwork-images.tsx";
import { LoadingSteps, stepsDone } from "./loading-steps.tsx";
import { ProgressBar } from "./progress-bar.tsx";

/** What a card shows: a `series.list` row as it is (its loading fields updated live from events). */
export interface SeriesCardData
  extends LoadingFields,
    Pick<SeriesSummary, "title" | "year" | "coverUrl" | "episodesOnDisk" | "episodesMissing" | "monitored"> {
  endYear?: number | null;
}

export function isLoading(status: string): boolean {
  return status !== "completed" && status !== "failed";
}

/**
 * One series as a card. Every catalogue string goes through JSX text/attribute bindings, which set
 * textContent/attributes: a title like `<img onerror=…>` shows as those characters, never as markup.
 */
export function SeriesCard(props: { series: SeriesCardData }) {
  const years = () => formatYears(props.series.year, props.series.endYear);
  const snapshot = () => snapshotOf(props.series);
  const done = () => stepsDone(snapshot());
  return (
    <article class="series-card" data-testid="series-card" data-series-id={props.series.id}>
      <a class="series-card-link" href={`/series/${props.series.id}`}>
        <Poster src={posterSource(props.series)} title={props.series.title} lazy />
        <h3 class="series-title" data-testid="series-title">
          {props.series.title}
        </h3>
      </a>
      <p class="series-meta">
        <Show when={years()}>
          <span>{years()}</span>
        </Show>
        <span data-testid="on-disk">{props.series.episodesOnDisk} on disk</span>
        <span data-testid="missing" classList={{ "has-missing": props.series.episodesMissing > 0 }}>
          {props.series.episodesMissing} missing
        </span>
        <Show when={props.series.monitored}>
          <span class="badge">monitored</span>
        </Show>
      </p>
      <Show when={isLoading(props.series.loadingStatus)}>
        <div class="series-loading" aria-live="polite">
          <ProgressBar
            value={done() / LOADING_STEPS.length}
            label={`Loading ${props.series.title}`}
            text={`${done()} of ${LOADING_STEPS.length}`}
          />
          <LoadingSteps snapshot={snapshot()} label={`Loading steps of ${props.series.title}`} />
        </div>
      </Show>
      <Show when={props.series.loadingStatus === "failed"}>
        <p class="series-failed" role="status">
          Loading failed{props.series.loadingError ? `: ${props.series.loadingError}` : ""}
        </p>
      </Show>
    </article>
  );
}
