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
    episodesOnDisk: 3,
    episodesMissing: 2,
    monitored: true,
    loadingStatus: "completed",
    episodesLoaded: true,
    nfoLoaded: true,
    logoLoaded: true,
    imagesLoaded: true,
    loadingError: null,
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
        loadingStatus: "loading_episodes",
        episodesLoaded: false,
        nfoLoaded: false,
        logoLoaded: false,
        imagesLoaded: false,
      }),
    );
    const { container, getByRole } = render(() => <SeriesCard series={s} />);
    const card = container.querySelector("article");
    expect(getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0");
    set({ loadingStatus: "loading_nfo", episodesLoaded: true });
    expect(getByRole("progressbar").getAttribute("aria-valuenow")).toBe("25");
    expect(container.querySelector('[data-step="nfo"]')?.getAttribute("data-state")).toBe("active");
    expect(container.querySelector("article")).toBe(card);
    set({ loadingStatus: "completed", nfoLoaded: true, logoLoaded: true, imagesLoaded: true });
    expect(container.querySelector("[data-testid=loading-steps]")).toBeNull();
  });

  test("a failed load says why", () => {
    const { container } = render(() => (
      <SeriesCard series={data({ loadingStatus: "failed", loadingError: "logo: TMDB answered 500" })} />
    ));
    expect(container.textContent).toContain("Loading failed: logo: TMDB answered 500");
  });
});
