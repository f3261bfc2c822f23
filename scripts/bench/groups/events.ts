import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const EVENTS = 5_000;
/** About 10 events per series (added, 4 × started, 4 × done, completed). */
const SERIES = 520;

/** Wall-clock time with sub-millisecond resolution, comparable across processes of one machine. */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Real loader events end to end: the app process loads stand-in series; this process subscribes to
 * series.loadingStatus over WebSocket with an API key and takes, per event, its arrival time minus the
 * event's `timestamp` (Date.now() inside the transaction that persisted it). That timestamp is a whole
 * millisecond, rounded down, so every figure is an upper bound by less than 1 ms.
 */
export const eventsGroup: BenchGroup = {
  name: "events",
  description: `loader step persisted (app process) → WS subscriber of series.loadingStatus (this process), ≥ ${EVENTS} events`,
  async run(): Promise<Metric[]> {
    const run = await startLoadingBench(SERIES);
    const { bench } = run;
    const ws = createWSClient({
      url: `${bench.url.replace(/^http/, "ws")}/trpc`,
      connectionParams: { apiKey: bench.apiKey },
    });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
    const latencies: number[] = [];
    let started: () => void = () => {};
    const subscribed = new Promise<void>((r) => {
      started = r;
    });
    const since = Date.now();
    const sub = client.series.loadingStatus.subscribe(
      {},
      {
        onStarted: () => started(),
        onData: (item) => {
          if (item.data.timestamp < since) return; // a snapshot row
          latencies.push(wallNow() - item.data.timestamp);
        },
        onError: (error) => console.error(`# events: subscription failed: ${error.message}`),
      },
    );
    await subscribed;
    await run.addAll();
    await loadersIdle(bench);
    await Bun.sleep(50); // the last events in flight
    sub.unsubscribe();
    ws.close();
    await run.close();
    latencies.sort((a, b) => a - b);
    console.error(`# events: ${latencies.length} events received (app = ${bench.command})`);
    return [
      { metric: "event_p50_ms", value: round(percentile(latencies, 50), 3), unit: "ms" },
      { metric: "event_p99_ms", value: round(percentile(latencies, 99), 3), unit: "ms", target: "≤ 5" },
    ];
  },
};
