import type { QueryClient } from "@tanstack/solid-query";
import { type Accessor, createSignal } from "solid-js";
import type { Outputs } from "./api-types.ts";
import { applyDownloadEvent, DOWNLOADS_KEY, finishedNow, type QueueEvent } from "./downloads-cache.ts";

type Download = Outputs["downloads"]["list"][number];

/**
 * How often the list is read over HTTP while the live subscription is not connected (a proxy that blocks
 * WebSocket upgrades, a server away): often enough that a running download visibly moves, rarely enough
 * to cost the server nothing.
 */
export const HTTP_REFRESH_MS = 5_000;

/**
 * The download list's one writer while connected: the `downloads.progress` subscription. Its first message
 * on every connection is a snapshot that replaces the list wholly; item, progress and removal events
 * follow. An HTTP list answer carries no event id, so it cannot be ordered against those events: while
 * the subscription is connected it only fills an empty cache for the first paint; while it is not, it
 * refreshes the list. Either way it is dropped when the subscription wrote while it was on its way.
 */
class DownloadsFeed {
  /** Writes by the subscription so far; an HTTP answer is taken only if none happened during its read. */
  private writes = 0;
  private readonly snapshotCount = createSignal(0);
  /** HTTP reads begun so far, and the number of the latest one whose answer became the list. */
  private reads = 0;
  private readonly refreshedBy = createSignal(0);
  private readonly finishedListeners = new Set<(download: Download) => void>();

  constructor(private readonly queryClient: QueryClient) {
    // Also for the query the first event creates before any page observes it: kept while unobserved (the
    // subscription keeps it current) and never refetched because time passed, a page mounted or the
    // window got focus.
    queryClient.setQueryDefaults(DOWNLOADS_KEY, {
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
      refetchOnMount: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    });
  }

  /** Reactive: how many snapshots the subscription has delivered (one per connection, one per move). */
  get snapshots(): Accessor<number> {
    return this.snapshotCount[0];
  }

  /**
   * Reactive: the number of the latest HTTP read whose answer became the list (see nextRead). Without the
   * socket there are no snapshots: a read begun after a change was accepted is what shows it.
   */
  get refreshedFrom(): Accessor<number> {
    return this.refreshedBy[0];
  }

  /** The number the next HTTP read will carry: every read from it on begins after now. */
  nextRead(): number {
    return this.reads + 1;
  }

  /**
   * Calls `listener` with every download that finished as far as this client knows: an item event's item
   * (see finishedNow), or those a snapshot or an HTTP refresh shows finished since the list it replaces
   * (items that list did not hold are history, not news). Returns the unsubscribe.
   */
  onFinished(listener: (download: Download) => void): () => void {
    this.finishedListeners.add(listener);
    return () => {
      this.finishedListeners.delete(listener);
    };
  }

  /** Folds one subscription event into the cache. */
  receive(event: QueueEvent<Download>): void {
    const before = this.current();
    let previous: Download | undefined;
    this.writes++;
    this.queryClient.setQueryData<Download[]>(DOWNLOADS_KEY, (list) => {
      const out = applyDownloadEvent(list, event);
      previous = out.previous;
      return out.list;
    });
    if (event.type === "item" && finishedNow(previous, event.item)) this.announce([event.item]);
    if (event.type !== "snapshot") return;
    this.snapshotCount[1]((n) => n + 1);
    this.announce(finishedSince(before, event.items));
  }

  /** A removed series takes its downloads with it on the server, with no download event for them. */
  removeSeries(seriesId: number): void {
    const ids = this.current()
      ?.filter((d) => d.seriesId === seriesId)
      .map((d) => d.id);
    if (ids?.length) this.receive({ type: "removed", ids });
  }

  /**
   * The query's fetcher: while `subscribed`, what the cache holds; else (or with nothing held) the HTTP
   * list, unless the subscription overtook it.
   */
  async seed(read: () => Promise<Download[]>, subscribed: boolean): Promise<Download[]> {
    const held = this.current();
    if (held && subscribed) return held;
    const before = this.writes;
    const number = ++this.reads;
    const answer = await read();
    if (this.writes !== before) return this.current() ?? answer;
    this.announce(finishedSince(this.current(), answer));
    this.refreshedBy[1]((n) => Math.max(n, number));
    return answer;
  }

  private announce(finished: Download[]): void {
    for (const download of finished) for (const listener of this.finishedListeners) listener(download);
  }

  private current(): Download[] | undefined {
    return this.queryClient.getQueryData<Download[]>(DOWNLOADS_KEY);
  }
}

/** The downloads `items` shows finished that `list` held unfinished (none without a list: first paint). */
function finishedSince(list: Download[] | undefined, items: Download[]): Download[] {
  const known = new Map(list?.map((d) => [d.id, d]));
  return items.filter((d) => {
    const was = known.get(d.id);
    return was !== undefined && finishedNow(was, d);
  });
}

const feeds = new WeakMap<QueryClient, DownloadsFeed>();

/** The feed of a query client (one per app; tests make their own clients). */
export function downloadsFeed(queryClient: QueryClient): DownloadsFeed {
  let feed = feeds.get(queryClient);
  if (!feed) {
    feed = new DownloadsFeed(queryClient);
    feeds.set(queryClient, feed);
  }
  return feed;
}
