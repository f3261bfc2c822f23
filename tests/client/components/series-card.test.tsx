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
    // The only image is the card's own poster, never one made from the title.
    expect([...container.querySelectorAll("img")].map((i) => i.getAttribute("src"))).toEqual([
      "/artwork/series/7/poster.jpg",
    ]);
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

  test("poster: our own artwork once the images step is done, else the catalogue cover through our relay, else a placeholder", () => {
    const [s, set] = createStore(
      data({ imagesLoaded: false, loadingStatus: "loading_images", coverUrl: null }),
    );
    const { container } = render(() => <SeriesCard series={s} />);
    const src = () => container.querySelector(".poster img")?.getAttribute("src") ?? null;
    const placeholder = () => container.querySelector(".poster-fallback")?.textContent ?? null;
    expect(src()).toBeNull();
    expect(placeholder()).toBe("F");
    set({ coverUrl: "javascript:alert(1)" });
    expect(src()).toBeNull();
    // Never a third-party address in the page: the cover's path goes to our own relay route.
    set({ coverUrl: "http://127.0.0.1:9/public/img/cover/c.jpg" });
    expect(src()).toBe("/artwork/catalog-cover?path=%2Fpublic%2Fimg%2Fcover%2Fc.jpg");
    set({ imagesLoaded: true, loadingStatus: "completed" });
    expect(src()).toBe("/artwork/series/7/poster.jpg");
  });

  test("a poster that fails to load falls back to the placeholder", () => {
    const { container } = render(() => <SeriesCard series={data()} />);
    const img = container.querySelector(".poster img");
    expect(img).not.toBeNull();
    img?.dispatchEvent(new Event("error"));
    expect(container.querySelector(".poster img")).toBeNull();
    expect(container.querySelector(".poster-fallback")?.textContent).toBe("F");
  });
});
