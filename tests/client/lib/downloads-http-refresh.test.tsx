import { MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, waitFor } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { ConnectionIndicator } from "../../../client/src/components/connection-indicator.tsx";
import { useApi } from "../../../client/src/lib/api-context.tsx";
import { ActivityPage } from "../../../client/src/pages/activity-page.tsx";
import { episodeCode } from "../../../shared/naming.ts";
import { installManualIntervals } from "../helpers/manual-intervals.ts";
import { QueueProbe, useRealApp } from "../helpers/real-app/live-page.tsx";

// Before any QueryClient: the refresh interval runs when the test ticks it, never by elapsed time.
const intervals = installManualIntervals();
const real = useRealApp();
const appMutate = (path: string, input: unknown) => real.app.mutate(path, input);

/** The header's connection badge above the list. */
function PageWithBadge() {
  const api = useApi();
  return (
    <>
      <ConnectionIndicator state={api.connection()} />
      <QueueProbe />
    </>
  );
}

describe("without a WebSocket the download list still moves", { timeout: 60_000 }, () => {
  test("refreshed over HTTP while upgrades fail; the subscription takes over once it connects", async () => {
    const { episodes } = await real.scenes.series();
    const queued = await real.scenes.queue(episodes.slice(0, 3));
    const second = queued[1];
    real.proxy.upgrades("refuse");
    const page = real.mountApp(() => <PageWithBadge />);
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    // Its socket was refused (what the badge then says is tested with the tracker and in Chromium: it
    // takes a few attempts, seconds of back-off). From now on its attempts wait unanswered (no WebSocket
    // either), and connect at once when let through.
    await waitFor(() => expect(real.proxy.stats.refusedUpgrades).toBeGreaterThan(0));
    const badge = () => page.view.getByTestId("connection").textContent;
    expect(badge()).not.toBe("Live");
    real.proxy.upgrades("hold");
    await page.settled();

    // A real change on the server with no socket to tell the page: the next refresh shows it.
    await appMutate("downloads.pause", { id: second });
    await waitFor(() => expect(intervals.active()).toBe(1));
    intervals.tick();
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:paused", "3:queued"]));
    expect(real.proxy.stats.listAnswers).toBe(2);
    expect(real.proxy.stats.progressSubscriptions).toBe(0);
    // Only while a page shows the list; a page showing it again reads it at once.
    const [first, , third] = queued;
    page.setPageShown(false);
    await waitFor(() => expect(intervals.active()).toBe(0));
    await appMutate("downloads.pause", { id: third });
    page.setPageShown(true);
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:paused", "3:paused"]));
    expect(intervals.active()).toBe(1);
    expect(real.proxy.stats.listAnswers).toBe(3);

    // A download finishing meanwhile is announced as it is over the socket.
    await appMutate("downloads.pause", { id: first });
    await real.scenes.finish(third);
    intervals.tick();
    await waitFor(() => expect(page.listed()).toEqual(["1:paused", "2:paused", "3:completed"]));
    const toasts = () => page.toasts.toasts.map((t) => t.text);
    const done = (await real.scenes.list()).find((d) => d.id === third);
    expect(toasts()).toEqual([`Downloaded ${done?.seriesTitle} ${episodeCode(1, 3)}.`]);

    // A refresh in flight when the socket connects at last: the subscription's snapshot and events win,
    // and the refreshing stops.
    real.proxy.holdListAnswers(true);
    intervals.tick();
    await page.readTaken(4);
    real.proxy.upgrades("pass");
    await waitFor(() => expect(real.proxy.stats.progressSubscriptions).toBe(1));
    await waitFor(() => expect(intervals.active()).toBe(0));
    expect(badge()).toBe("Live");
    await appMutate("downloads.cancel", { id: second });
    await waitFor(() => expect(page.listed()).toEqual(["1:paused", "2:cancelled", "3:completed"]));
    real.proxy.releaseListAnswers();
    await page.settled();
    expect(page.listed()).toEqual(["1:paused", "2:cancelled", "3:completed"]);
    expect(real.proxy.stats.listAnswers).toBe(5);
    // The snapshot brought no news the refreshes had not.
    expect(toasts()).toHaveLength(1);
  });

  test("a move accepted without the socket is shown until a refresh read after it; then the server's order", async () => {
    const { episodes } = await real.scenes.series();
    const [first, second, third] = await real.scenes.queue(episodes.slice(0, 3));
    real.proxy.upgrades("refuse");
    const page = real.mountApp(() => (
      <MemoryRouter>
        <Route path="/" component={ActivityPage} />
      </MemoryRouter>
    ));
    const order = () =>
      [...page.view.container.querySelectorAll<HTMLElement>("[data-testid=queue-row]")].map((r) =>
        Number(r.dataset.id),
      );
    await waitFor(() => expect(order()).toEqual([first, second, third]));
    await waitFor(() => expect(real.proxy.stats.refusedUpgrades).toBeGreaterThan(0));
    real.proxy.upgrades("hold");
    await page.settled();
    const handle = page.view.container.querySelector<HTMLElement>(`[data-handle="${third}"]`);
    if (!handle) throw new Error("no handle for the third download");
    fireEvent.keyDown(handle, { key: "ArrowUp" });
    await waitFor(() => expect(order()).toEqual([first, third, second]));
    await waitFor(() => expect(page.queryClient.isMutating()).toBe(0));
    // Another client moves it back; the next refresh shows the server's order, not the page's move.
    await appMutate("downloads.move", { id: third, position: 1 });
    intervals.tick();
    await waitFor(() => expect(order()).toEqual([first, second, third]));
  });
});
