import { render } from "@solidjs/testing-library";
import { createStore } from "solid-js/store";
import { describe, expect, test } from "vitest";
import { SeriesCard, type SeriesCardData } from "../../../client/src/components/series-card.tsx";

const HOSTILE = "<img src=x onerror=alert(1)> Bocchi";

function data(over: Partial<SeriesCardData> = {}): SeriesCardData {
  return {
    id: 7,
    title: "Frieren",
    year: 2023,
    endYear: null,
    coverUrl: null,
    onDisk: 3,
    missing: 2,
    monitored: true,
    status: "completed",
    progress: { episodes: true, nfo: true, logo: true, images: true },
    ...over,
  };
}

describe("series card", () => {
  test("a catalogue title with markup is rendered as text, never as HTML", () => {
    const { container, getByTestId } = render(() => <SeriesCard series={data({ title: HOSTILE })} />);
    expect(getByTestId("series-title").textContent).toBe(HOSTILE);
    expect(container.querySelector("img")).toBeNull();
    expect(container.innerHTML).toContain("&lt;img");
  });

  test("shows year, counts and a link to the series page", () => {
    const { getByTestId, container } = render(() => <SeriesCard series={data()} />);
    expect(getByTestId("on-disk").textContent).toBe("3 on disk");
    expect(getByTestId("missing").textContent).toBe("2 missing");
    expect(container.textContent).toContain("2023–");
    expect(container.querySelector("a")?.getAttribute("href")).toBe("/series/7");
    expect(container.querySelector("[data-testid=loading-steps]")).toBeNull();
  });

  test("live loading: the steps and bar follow store updates without re-rendering the card", () => {
    const [s, set] = createStore(
      data({
        status: "loading_episodes",
        progress: { episodes: false, nfo: false, logo: false, images: false },
      }),
    );
    const { container, getByRole } = render(() => <SeriesCard series={s} />);
    const card = container.querySelector("article");
    expect(getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0");
    set({ status: "loading_nfo", progress: { episodes: true, nfo: false, logo: false, images: false } });
    expect(getByRole("progressbar").getAttribute("aria-valuenow")).toBe("25");
    expect(container.querySelector('[data-step="nfo"]')?.getAttribute("data-state")).toBe("active");
    expect(container.querySelector("article")).toBe(card);
    set({ status: "completed", progress: { episodes: true, nfo: true, logo: true, images: true } });
    expect(container.querySelector("[data-testid=loading-steps]")).toBeNull();
  });

  test("a failed load says why", () => {
    const { container } = render(() => (
      <SeriesCard series={data({ status: "failed", loadingError: "logo: TMDB answered 500" })} />
    ));
    expect(container.textContent).toContain("Loading failed: logo: TMDB answered 500");
  });
});
