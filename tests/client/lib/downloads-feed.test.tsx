import { MemoryRouter, Route } from "@solidjs/router";
import { cleanup, fireEvent, waitFor } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { ActivityPage } from "../../../client/src/pages/activity-page.tsx";
import { episodeCode } from "../../../shared/naming.ts";
import { type LivePage, QueueProbe, useRealApp } from "../helpers/real-app/live-page.tsx";
import { runSql } from "../helpers/real-app/real-app.ts";

const real = useRealApp();
const { mountApp } = real;
const appMutate = (path: string, input: unknown) => real.app.mutate(path, input);

describe("the download list belongs to its live subscription", { timeout: 60_000 }, () => {
  test("a page mounting again: a list read before newer live events never replaces them", async () => {
    const { episodes } = await real.scenes.series();
    const [, second] = await real.scenes.queue(episodes.slice(0, 3));
    const app = mountApp(() => <QueueProbe />);
    await app.live();
    await waitFor(() => expect(app.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));

    // Away from the page and back; a list read, if any, is answered only after a download changed.
    app.setPageShown(false);
    real.proxy.holdListAnswers(true);
    app.setPageShown(true);
    await app.readTaken(1);
    await appMutate("downloads.pause", { id: second });
    await waitFor(() => expect(app.listed()).toEqual(["1:downloading", "2:paused", "3:queued"]));
    real.proxy.releaseListAnswers();
    await app.settled();
    expect(app.listed()).toEqual(["1:downloading", "2:paused", "3:queued"]);
    expect(real.proxy.stats.listAnswers).toBe(1);
  });

  test("first paint: the list paints before the snapshot; an answer that comes after it is dropped", async () => {
    const { episodes } = await real.scenes.series();
    const [, second] = await real.scenes.queue(episodes.slice(0, 3));
    real.proxy.holdSnapshots();
    const first = mountApp(() => <QueueProbe />);
    await waitFor(() => expect(real.proxy.stats.progressSubscriptions).toBe(1));
    // Painted from the HTTP list while the subscription has said nothing yet.
    await waitFor(() => expect(first.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    await first.settled();
    await appMutate("downloads.pause", { id: second });
    real.proxy.releaseMessages();
    await waitFor(() => expect(first.listed()).toEqual(["1:downloading", "2:paused", "3:queued"]));
    cleanup();

    // Now the snapshot comes first, and the list answer read before the next change comes last.
    real.proxy.holdListAnswers(true);
    const again = mountApp(() => <QueueProbe />);
    await waitFor(() => expect(real.proxy.stats.listAnswers).toBe(2));
    await waitFor(() => expect(again.listed()).toEqual(["1:downloading", "2:paused", "3:queued"]));
    await appMutate("downloads.resume", { id: second });
    await waitFor(() => expect(again.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    real.proxy.releaseListAnswers();
    await again.settled();
    expect(again.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]);
  });

  test("after a restart the new connection's snapshot replaces the list wholly, with no list read", async () => {
    const { episodes } = await real.scenes.series();
    const [first, second, third] = await real.scenes.queue(episodes.slice(0, 3));
    const page = mountApp(() => <QueueProbe />);
    await page.live();
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    real.proxy.holdListAnswers(true);
    real.proxy.upgrades("hold");
    real.proxy.dropSockets();
    // While the page is cut off: the third download finishes, the others wait paused...
    for (const id of [second, third, first]) await appMutate("downloads.pause", { id });
    await real.scenes.finish(third);
    // ...and across a restart the second goes with no event to replay (another program's change).
    await real.app.restart((db) => runSql(db, `DELETE FROM downloads WHERE id = ${second}`));
    real.proxy.upgrades("pass");
    await waitFor(() => expect(page.listed()).toEqual(["1:paused", "3:completed"]));
    expect(real.proxy.stats.listAnswers).toBe(1);
    // What finished meanwhile is still news; the rest of the snapshot is not.
    const done = (await real.scenes.list()).find((d) => d.id === third);
    const name = `${done?.seriesTitle} ${episodeCode(1, 3)}`;
    expect(page.toasts.toasts.map((t) => t.text)).toEqual([`Downloaded ${name}.`]);
  });

  test("a removed series takes its downloads out of the list", async () => {
    const kept = await real.scenes.series();
    const removed = await real.scenes.series();
    await real.scenes.queue([...kept.episodes.slice(0, 2), ...removed.episodes.slice(2, 3)]);
    const page = mountApp(() => <QueueProbe />);
    await page.live();
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued", "3:queued"]));
    await real.scenes.remove(removed.id);
    await waitFor(() => expect(page.listed()).toEqual(["1:downloading", "2:queued"]));
    expect(real.proxy.stats.listAnswers).toBe(1);
  });
});

describe("moving a download on the Activity page", { timeout: 60_000 }, () => {
  const activity = () => (
    <MemoryRouter>
      <Route path="/" component={ActivityPage} />
    </MemoryRouter>
  );
  const order = (page: LivePage) =>
    [...page.view.container.querySelectorAll<HTMLElement>("[data-testid=queue-row]")].map((r) =>
      Number(r.dataset.id),
    );
  const handle = (page: LivePage, id: number) => {
    const el = page.view.container.querySelector<HTMLElement>(`[data-handle="${id}"]`);
    if (!el) throw new Error(`no handle for ${id}`);
    return el;
  };

  test("a refused move shows its error and leaves the live list as it is, without reading it again", async () => {
    const { episodes } = await real.scenes.series();
    const [first, second, third] = await real.scenes.queue(episodes.slice(0, 3));
    const page = mountApp(activity);
    await page.live();
    await waitFor(() => expect(order(page)).toEqual([first, second, third]));
    // The page hears nothing while the third download is cancelled: it still offers to move it.
    real.proxy.holdListAnswers(true);
    real.proxy.holdAllMessages();
    await appMutate("downloads.cancel", { id: third });
    fireEvent.keyDown(handle(page, third), { key: "ArrowUp" });
    await waitFor(() => expect(order(page)).toEqual([first, third, second]));
    await waitFor(() =>
      expect(page.toasts.toasts.map((t) => t.text)).toContain(
        "Could not move: Only waiting (queued or paused) downloads can be moved.",
      ),
    );
    await page.readTaken(1);
    // Live events after the refusal; any list read taken before them is answered after them.
    real.proxy.releaseMessages();
    await appMutate("downloads.pause", { id: second });
    const stateOf = (id: number | undefined) =>
      page.view.container.querySelector(`[data-id='${id}']`)?.getAttribute("data-state");
    await waitFor(() => expect(stateOf(second)).toBe("paused"));
    real.proxy.releaseListAnswers();
    await page.settled();
    expect(order(page)).toEqual([first, second]);
    expect(stateOf(second)).toBe("paused");
    expect(real.proxy.stats.listAnswers).toBe(1);
  });

  test("an accepted move is shown at once and kept once the server's snapshot confirms it", async () => {
    const { episodes } = await real.scenes.series();
    const [first, second, third] = await real.scenes.queue(episodes.slice(0, 3));
    const page = mountApp(activity);
    await page.live();
    await waitFor(() => expect(order(page)).toEqual([first, second, third]));
    fireEvent.keyDown(handle(page, third), { key: "ArrowUp" });
    await waitFor(() => expect(order(page)).toEqual([first, third, second]));
    await real.scenes.until(
      (items) => items.findIndex((d) => d.id === third) < items.findIndex((d) => d.id === second),
      "the app moved it",
    );
    // The running download goes; the moved one is next, and runs.
    await appMutate("downloads.cancel", { id: first });
    await waitFor(() => expect(order(page)).toEqual([third, second]));
    await real.scenes.until(
      (items) => items.some((d) => d.id === third && d.state === "downloading"),
      "3 runs",
    );
    await waitFor(() =>
      expect(page.view.container.querySelector(`[data-id='${third}']`)?.getAttribute("data-state")).toBe(
        "downloading",
      ),
    );
    expect(order(page)).toEqual([third, second]);
    expect(real.proxy.stats.listAnswers).toBe(1);
  });
});
