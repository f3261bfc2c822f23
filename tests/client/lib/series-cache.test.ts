import { describe, expect, test } from "vitest";
import { applyToPage, type LoadingFields, statusFamily } from "../../../client/src/lib/series-cache.ts";

const row = (id: number): LoadingFields & { title: string } => ({
  id,
  title: `S${id}`,
  loadingStatus: "loading_episodes",
  episodesLoaded: false,
  nfoLoaded: false,
  logoLoaded: false,
  imagesLoaded: false,
  loadingError: null,
});
const progress = { episodes: true, nfo: true, logo: false, images: false };
const page = (...ids: number[]) => ({ rows: ids.map(row), total: 40, offset: 0 });

describe("series.list windows updated from loading events", () => {
  test("updates only the row the event names, keeping the others' identity", () => {
    const p = page(1, 2);
    const out = applyToPage(p, { seriesId: 2, status: "loading_logo", progress, message: null });
    expect(out.page?.rows[1]).toMatchObject({
      loadingStatus: "loading_logo",
      episodesLoaded: true,
      nfoLoaded: true,
    });
    expect(out.page?.rows[0]).toBe(p.rows[0]);
    expect(out.page?.total).toBe(40);
    expect(out.previous?.loadingStatus).toBe("loading_episodes");
  });

  test("a failure keeps its message; removal drops the row; another window's series is left alone", () => {
    const p = page(1);
    const failed = applyToPage(p, { seriesId: 1, status: "failed", progress, message: "logo: 500" });
    expect(failed.page?.rows[0]?.loadingError).toBe("logo: 500");
    expect(applyToPage(p, { seriesId: 1, status: "removed", progress, message: null }).page?.rows).toEqual(
      [],
    );
    const elsewhere = applyToPage(p, { seriesId: 9, status: "pending", progress, message: null });
    expect(elsewhere.previous).toBeUndefined();
    expect(elsewhere.page).toBe(p);
    expect(
      applyToPage(undefined, { seriesId: 9, status: "pending", progress, message: null }).page,
    ).toBeUndefined();
  });

  test("status families: every loading step is one family", () => {
    expect(statusFamily("loading_nfo")).toBe(statusFamily("pending"));
    expect(statusFamily("completed")).not.toBe(statusFamily("failed"));
    expect(statusFamily("removed")).toBe("removed");
  });
});
