/**
 * The real app for a DOM test file, and the page under test wired to it: the app, its stand-ins and the
 * holding proxy start once per file (`useRealApp` registers the hooks); each test adds its own series, and
 * they go afterwards, taking their downloads along.
 */
import { cleanup, configure, render, waitFor } from "@solidjs/testing-library";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import { createSignal, For, type JSX, Show } from "solid-js";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { ApiProvider } from "../../../../client/src/lib/api-context.tsx";
import { DOWNLOADS_KEY } from "../../../../client/src/lib/downloads-cache.ts";
import { useDownloads } from "../../../../client/src/lib/downloads-queries.ts";
import { LiveUpdates } from "../../../../client/src/lib/live-updates.tsx";
import { createToastStore, ToastProvider, type ToastStore } from "../../../../client/src/lib/toasts.tsx";
import { type HoldingProxy, startHoldingProxy } from "./holding-proxy.ts";
import { BrowserWebSocket } from "./node-ws.ts";
import { type QueueScenes, queueScenes } from "./queue-scenes.ts";
import { type RealApp, startRealApp } from "./real-app.ts";

/** The download list as a page shows it: "episode:state" in list order. */
export function QueueProbe() {
  const downloads = useDownloads();
  return (
    <ul data-testid="probe">
      <For each={downloads.data}>{(d) => <li>{`${d.episode}:${d.state}`}</li>}</For>
    </ul>
  );
}

export function useRealApp() {
  let app: RealApp | undefined;
  let proxy: HoldingProxy | undefined;
  let scenes: QueueScenes | undefined;
  const must = <T,>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the real app is not running (beforeAll failed?)");
    return value;
  };
  beforeAll(async () => {
    vi.stubGlobal("WebSocket", BrowserWebSocket);
    // Real sockets on a shared, busy machine: waits are bounded generously (they end at the event).
    configure({ asyncUtilTimeout: 10_000 });
    app = await startRealApp();
    proxy = await startHoldingProxy(() => must(app).url, app.apiKey);
    scenes = queueScenes(app);
    await scenes.setUp();
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await app?.close();
  });
  afterEach(async () => {
    cleanup();
    if (!proxy || !scenes) return;
    proxy.upgrades("pass");
    proxy.releaseMessages();
    proxy.holdListAnswers(false);
    proxy.releaseListAnswers();
    await scenes.clear();
    proxy.stats.listAnswers = 0;
    proxy.stats.progressSubscriptions = 0;
    proxy.stats.refusedUpgrades = 0;
    proxy.stats.progressData = 0;
  });

  const real = {
    get app() {
      return must(app);
    },
    get proxy() {
      return must(proxy);
    },
    get scenes() {
      return must(scenes);
    },
    mountApp,
  };
  return real;

  /**
   * The app's live wiring (ApiProvider, LiveUpdates) around `page`, against the real app through the proxy.
   * The query client's data goes stale at once: a page mounting again is then one mounting after the app's
   * stale time.
   */
  function mountApp(page: () => JSX.Element) {
    const proxy = real.proxy;
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
    /** Until the page is live: its subscription delivered and its one list read answered and landed. */
    const live = async () => {
      await waitFor(() => expect(proxy.stats.progressSubscriptions).toBe(1));
      await waitFor(() => expect(proxy.stats.progressData).toBeGreaterThan(0));
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
    return {
      view,
      queryClient,
      toasts: toasts as ToastStore,
      setPageShown,
      listed,
      settled,
      live,
      readTaken,
    };
  }
}

export type LivePage = ReturnType<ReturnType<typeof useRealApp>["mountApp"]>;
