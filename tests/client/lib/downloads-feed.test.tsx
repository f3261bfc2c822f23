import { MemoryRouter, Route } from "@solidjs/router";
import { cleanup, configure, fireEvent, render, waitFor } from "@solidjs/testing-library";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import { createSignal, For, type JSX, Show } from "solid-js";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { ApiProvider } from "../../../client/src/lib/api-context.tsx";
import { DOWNLOADS_KEY } from "../../../client/src/lib/downloads-cache.ts";
import { useDownloads } from "../../../client/src/lib/downloads-queries.ts";
import { LiveUpdates } from "../../../client/src/lib/live-updates.tsx";
import { createToastStore, ToastProvider, type ToastStore } from "../../../client/src/lib/toasts.tsx";
import { ActivityPage } from "../../../client/src/pages/activity-page.tsx";
import { BrowserWebSocket, type QueueApi, queueItem, startQueueApi } from "../helpers/queue-api-stand-in.ts";

beforeAll(() => {
  vi.stubGlobal("WebSocket", BrowserWebSocket);
  // Real sockets on a shared, busy machine: waits are bounded generously (they end at the event).
  configure({ asyncUtilTimeout: 10_000 });
});

const apis: QueueApi[] = [];
afterEach(async () => {
  cleanup();
  for (const api of apis.splice(0)) await api.close();
});

async function standIn(...items: Parameters<typeof startQueueApi>[0]) {
  const api = await startQueueApi(items);
  apis.push(api);
  return api;
}

/** The download list as a page shows it: "id:state" in list order. */
function QueueProbe() {
  const downloads = useDownloads();
  return (
    <ul data-testid="probe">
      <For each={downloads.data}>{(d) => <li>{`${d.id}:${d.state}`}</li>}</For>
    </ul>
  );
}

/**
 * The app's live wiring (ApiProvider, LiveUpdates) around `page`, against the stand-in. The query
 * client's data goes stale at once: a page mounting again is then one mounting after the app's stale time.
 */
function mountApp(api: QueueApi, page: () => JSX.Element) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 0, refetchOnWindowFocus: false } },
  });
  const toasts = createToastStore({ lifetimeMs: 0 });
  const [pageShown, setPageShown] = createSignal(true);
  const view = render(() => (
    <QueryClientProvider client={queryClient}>
      <ToastProvider store={toasts}>
        <ApiProvider baseUrl={api.url}>
          <LiveUpdates />
          <Show when={pageShown()}>{page()}</Show>
        </ApiProvider>
      </ToastProvider>
    </QueryClientProvider>
  ));
  const listed = () =>
    [...view.container.querySelectorAll("[data-testid=probe] li")].map((li) => li.textContent);
  const fetching = () => queryClient.isFetching({ queryKey: DOWNLOADS_KEY });
  // Lets any list read in flight land before the assertions that follow.
  const settled = () => waitFor(() => expect(fetching()).toBe(0));
  /**
   * Until a list read the page has in flight has reached the stand-in (which reads the list as it is
   * then), or none is in flight: what happens next is newer than any answer still to come.
   */
  const readTaken = async (readsBefore: number) => {
    await waitFor(() =>
      expect(
        queryClient.getQueryCache().find({ queryKey: DOWNLOADS_KEY })?.getObserversCount(),
      ).toBeGreaterThan(0),
    );
    await waitFor(() => expect(fetching() === 0 || api.stats.listReads > readsBefore).toBe(true));
  };
  return { view, queryClient, toasts: toasts as ToastStore, setPageShown, listed, settled, readTaken };
}

describe("the download list belongs to its live subscription", { timeout: 30_000 }, () => {
  test("a page mounting again: a list read before newer live events never replaces them", async () => {
    const api = await standIn(queueItem(1, { state: "downloading" }), queueItem(2));
    const app = mountApp(api, () => <QueueProbe />);
    await waitFor(() => expect(api.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(api.stats.listReads).toBe(1));
    await app.settled();
    api.update(1, { state: "downloading", bytesDone: 10 });
    await waitFor(() => expect(app.listed()).toEqual(["1:downloading", "2:queued"]));

    // Away from the page and back; a list read, if any, is answered only after the download finished.
    app.setPageShown(false);
    api.holdListAnswers(true);
    app.setPageShown(true);
    await app.readTaken(1);
    api.update(1, { state: "completed" });
    await waitFor(() => expect(app.listed()).toEqual(["1:completed", "2:queued"]));
    api.releaseListAnswers();
    await app.settled();
    expect(app.listed()).toEqual(["1:completed", "2:queued"]);
    expect(api.stats.listReads).toBe(1);
  });

  test("first paint: the list paints before the snapshot; an answer that comes after it is dropped", async () => {
    const api = await standIn(queueItem(1), queueItem(2));
    api.holdSnapshots(true);
    const first = mountApp(api, () => <QueueProbe />);
    await waitFor(() => expect(api.stats.progressSubscriptions).toBe(1));
    // Painted from the HTTP list while the subscription has said nothing yet.
    await waitFor(() => expect(first.listed()).toEqual(["1:queued", "2:queued"]));
    await first.settled();
    api.update(2, { state: "paused" });
    api.releaseSnapshots();
    await waitFor(() => expect(first.listed()).toEqual(["1:queued", "2:paused"]));
    cleanup();

    // Now the snapshot comes first, and the list answer read before the next change comes last.
    api.holdSnapshots(false);
    api.holdListAnswers(true);
    const second = mountApp(api, () => <QueueProbe />);
    await waitFor(() => expect(api.stats.listReads).toBe(2));
    await waitFor(() => expect(second.listed()).toEqual(["1:queued", "2:paused"]));
    api.update(1, { state: "downloading" });
    await waitFor(() => expect(second.listed()).toEqual(["1:downloading", "2:paused"]));
    api.releaseListAnswers();
    await second.settled();
    expect(second.listed()).toEqual(["1:downloading", "2:paused"]);
  });

  test("after a restart the new connection's snapshot replaces the list wholly, with no list read", async () => {
    const api = await standIn(queueItem(1), queueItem(2), queueItem(3));
    const app = mountApp(api, () => <QueueProbe />);
    await waitFor(() => expect(app.listed()).toEqual(["1:queued", "2:queued", "3:queued"]));
    await waitFor(() => expect(api.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(api.stats.listReads).toBe(1));
    await app.settled();
    api.holdListAnswers(true);
    api.dropSockets();
    // While the server is away: one item goes with no event to replay, another finishes.
    api.dropQuietly(2);
    api.update(3, { state: "completed" });
    await waitFor(() => expect(app.listed()).toEqual(["1:queued", "3:completed"]));
    expect(api.stats.listReads).toBe(1);
    // What finished meanwhile is still news; the rest of the snapshot is not.
    expect(app.toasts.toasts.map((t) => t.text)).toEqual(["Downloaded Frieren S01E03."]);
  });

  test("a removed series takes its downloads out of the list", async () => {
    const api = await standIn(queueItem(1), queueItem(2, { seriesId: 7 }));
    const app = mountApp(api, () => <QueueProbe />);
    await waitFor(() => expect(app.listed()).toEqual(["1:queued", "2:queued"]));
    await waitFor(() => expect(api.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(api.stats.listReads).toBe(1));
    await app.settled();
    api.removeSeries(7);
    await waitFor(() => expect(app.listed()).toEqual(["1:queued"]));
    expect(api.stats.listReads).toBe(1);
  });
});

describe("moving a download on the Activity page", { timeout: 30_000 }, () => {
  const activity = () => (
    <MemoryRouter>
      <Route path="/" component={ActivityPage} />
    </MemoryRouter>
  );
  const order = (app: ReturnType<typeof mountApp>) =>
    [...app.view.container.querySelectorAll<HTMLElement>("[data-testid=queue-row]")].map((r) => r.dataset.id);
  const handle = (app: ReturnType<typeof mountApp>, id: number) => {
    const el = app.view.container.querySelector<HTMLElement>(`[data-handle="${id}"]`);
    if (!el) throw new Error(`no handle for ${id}`);
    return el;
  };

  test("a refused move shows its error and leaves the live list as it is, without reading it again", async () => {
    const api = await standIn(queueItem(1, { state: "downloading" }), queueItem(2), queueItem(3));
    const app = mountApp(api, activity);
    await waitFor(() => expect(order(app)).toEqual(["1", "2", "3"]));
    await waitFor(() => expect(api.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(api.stats.listReads).toBe(1));
    await app.settled();
    api.holdListAnswers(true);
    fireEvent.keyDown(handle(app, 3), { key: "ArrowUp" });
    await waitFor(() => expect(order(app)).toEqual(["1", "3", "2"]));
    await waitFor(() =>
      expect(app.toasts.toasts.map((t) => t.text)).toContain(
        "Could not move: Only waiting downloads can be moved.",
      ),
    );
    await app.readTaken(1);
    // A live event after the refusal; any list read taken before it is answered after it.
    api.update(2, { state: "paused" });
    const stateOf = (id: number) =>
      app.view.container.querySelector(`[data-id='${id}']`)?.getAttribute("data-state");
    await waitFor(() => expect(stateOf(2)).toBe("paused"));
    api.releaseListAnswers();
    await app.settled();
    expect(order(app)).toEqual(["1", "2", "3"]);
    expect(stateOf(2)).toBe("paused");
    expect(api.stats.listReads).toBe(1);
  });

  test("an accepted move is shown at once and kept once the server's snapshot confirms it", async () => {
    const api = await standIn(queueItem(1, { state: "downloading" }), queueItem(2), queueItem(3));
    api.acceptMoves();
    const app = mountApp(api, activity);
    await waitFor(() => expect(order(app)).toEqual(["1", "2", "3"]));
    await waitFor(() => expect(api.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(api.stats.listReads).toBe(1));
    fireEvent.keyDown(handle(app, 3), { key: "ArrowUp" });
    await waitFor(() => expect(order(app)).toEqual(["1", "3", "2"]));
    const serverOrder = () =>
      api
        .items()
        .filter((d) => d.state === "queued")
        .sort((a, b) => a.position - b.position)
        .map((d) => d.id);
    await waitFor(() => expect(serverOrder()).toEqual([3, 2]));
    api.update(1, { state: "completed" });
    await waitFor(() => expect(order(app)).toEqual(["3", "2"]));
    expect(api.stats.listReads).toBe(1);
  });
});
