import { join } from "node:path";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { spawnChild } from "../support/child-process.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const EVENTS = 5_000;
/** About 10 events per series (added, 4 × started, 4 × done, completed). */
const SERIES = 520;
/**
 * The add group's load, running meanwhile from a process of its own (support/add-load.ts): 50 closed-loop
 * clients adding series the catalogue lacks. This process only receives events, as a browser tab would.
 */
const ADD_CLIENTS = 50;
const ADDS = 2_000;

/** Wall-clock time with sub-millisecond resolution, comparable across processes of one machine. */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Real loader events end to end: the app process loads stand-in series; this process subscribes to
 * series.loadingStatus over WebSocket with an API key and takes, per event, its arrival time minus the
 * event's `timestamp` (Date.now() inside the transaction that persisted it). That timestamp is a whole
 * millisecond, rounded down, so every figure is an upper bound by less than 1 ms. Meanwhile the add group's
 * load runs (50 clients calling series.add), whose own events are counted too.
 */
export const eventsGroup: BenchGroup = {
  name: "events",
  description: `loader step persisted (app process) → WS subscriber of series.loadingStatus (this process), ≥ ${EVENTS} events, while ${ADD_CLIENTS} clients add ${ADDS} series`,
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
    const load = spawnChild([
      process.execPath,
      join(import.meta.dir, "..", "support", "add-load.ts"),
      bench.url,
      bench.apiKey,
      String(ADD_CLIENTS),
      String(ADDS),
    ]);
    const adds = load.waitFor((r) => (typeof r.p50 === "number" ? r : undefined), 120_000);
    await run.addAll();
    const addLoad = await adds;
    await load.stop();
    await loadersIdle(bench);
    await Bun.sleep(50); // the last events in flight
    sub.unsubscribe();
    ws.close();
    await run.close();
    latencies.sort((a, b) => a - b);
    console.error(
      `# events: ${latencies.length} events received (app = ${bench.command}); add load p50 ${round(Number(addLoad.p50))} ms`,
    );
    return [
      { metric: "event_p50_ms", value: round(percentile(latencies, 50), 3), unit: "ms" },
      { metric: "event_p99_ms", value: round(percentile(latencies, 99), 3), unit: "ms", target: "≤ 5" },
    ];
  },
};
