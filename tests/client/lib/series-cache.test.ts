import { describe, expect, test } from "vitest";
import { applyToList, type LoadingFields } from "../../../client/src/lib/series-cache.ts";

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

describe("series cache updates from loading events", () => {
  test("updates only the row the event names", () => {
    const list = [row(1), row(2)];
    const out = applyToList(list, { seriesId: 2, status: "loading_logo", progress, message: null });
    expect(out.known).toBe(true);
    expect(out.list?.[1]).toMatchObject({
      loadingStatus: "loading_logo",
      episodesLoaded: true,
      nfoLoaded: true,
    });
    expect(out.list?.[0]).toBe(list[0]);
    expect(out.previous?.loadingStatus).toBe("loading_episodes");
  });

  test("a failure keeps its message; removal drops the row; unknown series ask for a refetch", () => {
    const list = [row(1)];
    const failed = applyToList(list, { seriesId: 1, status: "failed", progress, message: "logo: 500" });
    expect(failed.list?.[0]?.loadingError).toBe("logo: 500");
    expect(applyToList(list, { seriesId: 1, status: "removed", progress, message: null }).list).toEqual([]);
    expect(applyToList(list, { seriesId: 9, status: "pending", progress, message: null }).known).toBe(false);
    expect(
      applyToList(undefined, { seriesId: 9, status: "pending", progress, message: null }).list,
    ).toBeUndefined();
  });
});
