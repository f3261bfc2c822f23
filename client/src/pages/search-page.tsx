import { useSearchParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { catalogCoverUrl } from "../../../shared/artwork.ts";
import { Poster } from "../components/artwork-images.tsx";
import { loadAddOptions, saveAddOptions } from "../lib/add-options.ts";
import { useApi } from "../lib/api-context.tsx";
import type { Outputs } from "../lib/api-types.ts";
import { errorMessage } from "../lib/error-message.ts";
import { formatYears } from "../lib/format.ts";
import { SERIES_LIST_KEY } from "../lib/series-cache.ts";
import { useSeriesByCatalogKeys } from "../lib/series-queries.ts";
import { useToasts } from "../lib/toasts.tsx";
import { AddOptionsForm } from "./search/add-options-form.tsx";

type SearchItem = Outputs["catalog"]["search"][number];
type Added = Outputs["series"]["add"];

/** Catalogue search with covers and years; "Add" puts the series into the library at once. */
export function SearchPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const term = () => (typeof params.q === "string" ? params.q.trim() : "");
  const results = useQuery(() => ({
    queryKey: ["catalog.search", term()],
    queryFn: () => api.client.catalog.search.query({ query: term() }),
    enabled: term().length > 0,
    staleTime: 5 * 60_000,
  }));
  // Only the results' keys are asked about: the library may hold 100,000 series.
  const library = useSeriesByCatalogKeys(() => results.data?.slice(0, 500).map((r) => r.catalogKey) ?? []);
  // Added from this page: known at once, before the library answer is fetched again.
  const [added, setAdded] = createSignal<Record<string, number>>({});
  const inLibrary = (key: string) => {
    const id = added()[key] ?? library.data?.rows.find((s) => s.catalogKey === key.toLowerCase())?.id;
    return id === undefined ? undefined : { id };
  };
  const [blank, setBlank] = createSignal(false);
  const [addOptions, setAddOptions] = createSignal(loadAddOptions());
  let resultsBox: HTMLDivElement | undefined;

  const add = useMutation(() => ({
    mutationFn: (item: SearchItem) =>
      api.client.series.add.mutate({ catalogKey: item.catalogKey, ...addOptions() }),
    onSuccess: (row: Added, item: SearchItem) => {
      setAdded((old) => ({ ...old, [item.catalogKey]: row.id }));
      // The Add button is gone now: focus moves to the link that replaced it, not to the page's start.
      queueMicrotask(() =>
        resultsBox
          ?.querySelector<HTMLElement>(
            `[data-catalog-key="${CSS.escape(item.catalogKey)}"] [data-testid="in-library"]`,
          )
          ?.focus(),
      );
      void queryClient.invalidateQueries({ queryKey: SERIES_LIST_KEY });
      toasts.push(
        "success",
        row.alreadyExisted ? `${row.title} is already in the library.` : `Added ${row.title}: loading…`,
      );
    },
    onError: (error) => toasts.push("error", `Could not add: ${errorMessage(error)}`),
  }));

  return (
    <section class="page" aria-labelledby="search-title">
      <h1 id="search-title">Search &amp; Add</h1>
      <form
        class="inline-form"
        aria-label="Catalogue search"
        onSubmit={(e) => {
          e.preventDefault();
          const value = new FormData(e.currentTarget).get("q");
          const q = typeof value === "string" ? value.trim() : "";
          setBlank(q === "");
          if (q === "") e.currentTarget.querySelector("input")?.focus();
          else setParams({ q });
        }}
      >
        <label class="field">
          <span>Search the catalogue</span>
          <input name="q" type="search" value={term()} required maxLength={200} />
        </label>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      <AddOptionsForm
        value={addOptions()}
        onChange={(next) => {
          setAddOptions(next);
          saveAddOptions(next);
        }}
      />
      <Show when={blank()}>
        <p class="form-error" role="alert" data-testid="search-blank">
          Type a title (or part of one) to search the catalogue.
        </p>
      </Show>
      <Show when={term()}>
        <div aria-live="polite" ref={resultsBox}>
          <Show
            when={results.data}
            fallback={<p>{results.isError ? errorMessage(results.error) : "Searching…"}</p>}
          >
            {(items) => (
              <>
                <p class="muted" data-testid="result-count">
                  {items().length} results for “{term()}”
                </p>
                <ul class="results">
                  <For each={items()}>
                    {(item) => (
                      <li class="result card" data-testid="search-result" data-catalog-key={item.catalogKey}>
                        <Poster src={catalogCoverUrl(item.coverUrl)} title={item.title} lazy />
                        <div class="result-body">
                          <h2 class="result-title" data-testid="result-title">
                            {item.title}
                          </h2>
                          <p class="muted">{formatYears(item.startYear, item.endYear)}</p>
                          <p class="result-description">{item.description}</p>
                          <Show
                            when={inLibrary(item.catalogKey)}
                            fallback={
                              <button
                                type="button"
                                class="primary"
                                disabled={add.isPending && add.variables?.catalogKey === item.catalogKey}
                                onClick={() => add.mutate(item)}
                                aria-label={`Add ${item.title}`}
                              >
                                Add
                              </button>
                            }
                          >
                            {(row) => (
                              <a href={`/series/${row().id}`} data-testid="in-library">
                                In the library — open
                              </a>
                            )}
                          </Show>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </>
            )}
          </Show>
        </div>
      </Show>
    </section>
  );
}
