import { MemoryRouter, Route } from "@solidjs/router";
import { cleanup, configure, fireEvent, render, waitFor } from "@solidjs/testing-library";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import { createSignal, For, type JSX, Show } from "solid-js";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { ApiProvider } from "../../../client/src/lib/api-context.tsx";
import { DOWNLOADS_KEY } from "../../../client/src/lib/downloads-cache.ts";
import { useDownloads } from "../../../client/src/lib/downloads-queries.ts";
import { LiveUpdates } from "../../../client/src/lib/live-updates.tsx";
import { createToastStore, ToastProvider, type ToastStore } from "../../../client/src/lib/toasts.tsx";
import { ActivityPage } from "../../../client/src/pages/activity-page.tsx";
import { episodeCode } from "../../../shared/naming.ts";
import { type HoldingProxy, startHoldingProxy } from "../helpers/real-app/holding-proxy.ts";
import { BrowserWebSocket } from "../helpers/real-app/node-ws.ts";
import { type QueueScenes, queueScenes } from "../helpers/real-app/queue-scenes.ts";
import { type RealApp, runSql, startRealApp } from "../helpers/real-app/real-app.ts";

// One real app (and the proxy in front of it) for the whole file; each test adds its own series and
// removes them afterwards, taking their downloads along.
let app: RealApp;
let proxy: HoldingProxy;
let scenes: QueueScenes;
beforeAll(async () => {
  vi.stubGlobal("WebSocket", BrowserWebSocket);
  // Real sockets on a shared, busy machine: waits are bounded generously (they end at the event).
  configure({ asyncUtilTimeout: 10_000 });
  app = await startRealApp();
  proxy = await startHoldingProxy(() => app.url, app.apiKey);
  scenes = queueScenes(app);
  await scenes.setUp();
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await app?.close();
});

afterEach(async () => {
  cleanup();
  proxy.upgrades("pass");
  proxy.releaseMessages();
  proxy.holdListAnswers(false);
  proxy.releaseListAnswers();
  await scenes.clear();
  proxy.stats.listAnswers = 0;
  proxy.stats.progressSubscriptions = 0;
});

/** The download list as a page shows it: "episode:state" in list order. */
function QueueProbe() {
  const downloads = useDownloads();
  return (
    <ul data-testid="probe">
      <For each={downloads.data}>{(d) => <li>{`${d.episode}:${d.state}`}</li>}</For>
    </ul>
  );
}

/**
 * The app's live wiring (ApiProvider, LiveUpdates) around `page`, against the real app through the proxy.
 * The query client's data goes stale at once: a page mounting again is then one mounting after the app's
 * stale time.
 */
function mountApp(page: () => JSX.Element) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 0, refetchOnWindowFocus: false } },
  });
  const toasts = createToastStore({ lifetimeMs: 0 });
  const [pageShown, setPageShown] = createSignal(true);
  const view = render(() => (
    <QueryClientProvider client={queryClient}>
      <ToastProvider store={toasts}>
        <ApiProvider baseUrl={proxy.url}>
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
  /** Until the page is live: its subscription opened and its one list read answered and landed. */
  const live = async () => {
    await waitFor(() => expect(proxy.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(proxy.stats.listAnswers).toBe(1));
    await settled();
  };
  /**
   * Until a list read the page has in flight has been answered by the app (the proxy holds the answer),
   * or none is in flight: what happens next is newer than any answer still to come.
   */
  const readTaken = async (answersBefore: number) => {
    await waitFor(() =>
      expect(
        queryClient.getQueryCache().find({ queryKey: DOWNLOADS_KEY })?.getObserversCount(),
      ).toBeGreaterThan(0),
    );
    await waitFor(() => expect(fetching() === 0 || proxy.stats.listAnswers > answersBefore).toBe(true));
  };
  return { view, toasts: toasts as ToastStore, setPageShown, listed, settled, live, readTaken };
}

describe("the download list belongs to its live subscription", { timeout: 60_000 }, () => {
  test("a page mounting again: a list read before newer live events never replaces them", async () => {
    const { episodes } = await scenes.series();
    const [, second] = await scenes.queue(episodes.slice(0, 2));
    const app = mountApp(() => <QueueProbe />);
    await app.live();
    await waitFor(() => expect(app.listed()).toEqual(["1:downloading", "2:queued"]));

    // Away from the page and back; a list read, if any, is answered only after a download changed.
    app.setPageShown(false);
    proxy.holdListAnswers(true);
    app.setPageShown(true);
    await app.readTaken(1);
    await appMutate("downloads.pause", { id: second });
    await waitFor(() => expect(app.listed()).toEqual(["1:downloading", "2:paused"]));
    proxy.releaseListAnswers();
    await app.settled();
    expect(app.listed()).toEqual(["1:downloading", "2:paused"]);
    expect(proxy.stats.listAnswers).toBe(1);
  });

  test("first paint: the list paints before the snapshot; an answer that comes after it is dropped", async () => {
    const { episodes } = await scenes.series();
    const [, second] = await scenes.queue(episodes.slice(0, 2));
    proxy.holdSnapshots();
    const first = mountApp(() => <QueueProbe />);
    await waitFor(() => expect(proxy.stats.progressSubscriptions).toBe(1));
    // Painted from the HTTP list while the subscription has said nothing yet.
    await waitFor(() => expect(first.listed()).toEqual(["1:downloading", "2:queued"]));
    await first.settled();
    await appMutate("downloads.pause", { id: second });
    proxy.releaseMessages();
    await waitFor(() => expect(first.listed()).toEqual(["1:downloading", "2:paused"]));
    cleanup();

    // Now the snapshot comes first, and the list answer read before the next change comes last.
    proxy.holdListAnswers(true);
    const again = mountApp(() => <QueueProbe />);
    await waitFor(() => expect(proxy.stats.listAnswers).toBe(2));
    await waitFor(() => expect(again.listed()).toEqual(["1:downloading", "2:paused"]));
    await appMutate("downloads.resume", { id: second });
    await waitFor(() => expect(again.listed()).toEqual(["1:downloading", "2:queued"]));
    proxy.releaseListAnswers();
    await again.settled();
    expect(again.listed()).toEqual(["1:downloading", "2:queued"]);
  });

  test("after a restart the new connection's snapshot replaces the list wholly, with no list read", async () => {
    const { episodes } = await scenes.series();
    const [first, second, third] = await scenes.queue(episodes.slice(0, 3));
    const page = mountApp(() => <QueueProbe />);
    await page.live();
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    proxy.holdListAnswers(true);
    proxy.upgrades("hold");
    proxy.dropSockets();
    // While the page is cut off: the third download finishes, the others wait paused...
    for (const id of [second, third, first]) await appMutate("downloads.pause", { id });
    await scenes.finish(third ?? 0);
    // ...and across a restart the second goes with no event to replay (another program's change).
    await app.restart((db) => runSql(db, `DELETE FROM downloads WHERE id = ${second}`));
    proxy.upgrades("pass");
    await waitFor(() => expect(page.listed()).toEqual(["1:paused", "3:completed"]));
    expect(proxy.stats.listAnswers).toBe(1);
    // What finished meanwhile is still news; the rest of the snapshot is not.
    const done = (await scenes.list()).find((d) => d.id === third);
    const name = `${done?.seriesTitle} ${episodeCode(1, 3)}`;
    expect(page.toasts.toasts.map((t) => t.text)).toEqual([`Downloaded ${name}.`]);
  });

  test("a removed series takes its downloads out of the list", async () => {
    const kept = await scenes.series();
    const removed = await scenes.series();
    await scenes.queue([...kept.episodes.slice(0, 2), ...removed.episodes.slice(2, 3)]);
    const page = mountApp(() => <QueueProbe />);
    await page.live();
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    await scenes.remove(removed.id);
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued"]));
    expect(proxy.stats.listAnswers).toBe(1);
  });
});

describe("moving a download on the Activity page", { timeout: 60_000 }, () => {
  const activity = () => (
    <MemoryRouter>
      <Route path="/" component={ActivityPage} />
    </MemoryRouter>
  );
  const order = (page: ReturnType<typeof mountApp>) =>
    [...page.view.container.querySelectorAll<HTMLElement>("[data-testid=queue-row]")].map((r) =>
      Number(r.dataset.id),
    );
  const handle = (page: ReturnType<typeof mountApp>, id: number) => {
    const el = page.view.container.querySelector<HTMLElement>(`[data-handle="${id}"]`);
    if (!el) throw new Error(`no handle for ${id}`);
    return el;
  };

  test("a refused move shows its error and leaves the live list as it is, without reading it again", async () => {
    const { episodes } = await scenes.series();
    const [first, second, third] = await scenes.queue(episodes.slice(0, 3));
    const page = mountApp(activity);
    await page.live();
    await waitFor(() => expect(order(page)).toEqual([first, second, third]));
    // The page hears nothing while the third download is cancelled: it still offers to move it.
    proxy.holdListAnswers(true);
    proxy.holdAllMessages();
    await appMutate("downloads.cancel", { id: third });
    fireEvent.keyDown(handle(page, third ?? 0), { key: "ArrowUp" });
    await waitFor(() => expect(order(page)).toEqual([first, third, second]));
    await waitFor(() =>
      expect(page.toasts.toasts.map((t) => t.text)).toContain(
        "Could not move: Only waiting (queued or paused) downloads can be moved.",
      ),
    );
    await page.readTaken(1);
    // Live events after the refusal; any list read taken before them is answered after them.
    proxy.releaseMessages();
    await appMutate("downloads.pause", { id: second });
    const stateOf = (id: number | undefined) =>
      page.view.container.querySelector(`[data-id='${id}']`)?.getAttribute("data-state");
    await waitFor(() => expect(stateOf(second)).toBe("paused"));
    proxy.releaseListAnswers();
    await page.settled();
    expect(order(page)).toEqual([first, second]);
    expect(stateOf(second)).toBe("paused");
    expect(proxy.stats.listAnswers).toBe(1);
  });

  test("an accepted move is shown at once and kept once the server's snapshot confirms it", async () => {
    const { episodes } = await scenes.series();
    const [first, second, third] = await scenes.queue(episodes.slice(0, 3));
    const page = mountApp(activity);
    await page.live();
    await waitFor(() => expect(order(page)).toEqual([first, second, third]));
    fireEvent.keyDown(handle(page, third ?? 0), { key: "ArrowUp" });
    await waitFor(() => expect(order(page)).toEqual([first, third, second]));
    await scenes.until(
      (items) =>
        (items.find((d) => d.id === third)?.position ?? 0) <
        (items.find((d) => d.id === second)?.position ?? 0),
      "the app moved it",
    );
    // The running download goes; the moved one is next, and runs.
    await appMutate("downloads.cancel", { id: first });
    await waitFor(() => expect(order(page)).toEqual([third, second]));
    await scenes.until((items) => items.some((d) => d.id === third && d.state === "downloading"), "3 runs");
    await waitFor(() =>
      expect(page.view.container.querySelector(`[data-id='${third}']`)?.getAttribute("data-state")).toBe(
        "downloading",
      ),
    );
    expect(order(page)).toEqual([third, second]);
    expect(proxy.stats.listAnswers).toBe(1);
  });
});

const appMutate = (path: string, input: unknown) => app.mutate(path, input);
