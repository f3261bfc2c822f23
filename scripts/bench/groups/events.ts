import { join } from "node:path";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { spawnChild } from "../support/child-process.ts";
import { loadersIdle, startLoadingBench } from "./loader.ts";

const EVENTS = 5_000;
/** About 6 events per series: added, each step started (a finished step goes with the next start), completed. */
const SERIES = 520;
/**
 * The add group's load, running meanwhile from a process of its own (support/add-load.ts): 50 closed-loop
 * clients adding series the catalogue lacks. The events are received by another process of their own
 * (support/event-subscriber.ts) that does nothing else, as a browser tab would.
 */
const ADD_CLIENTS = 50;
const ADDS = 2_000;

/**
 * Real loader events end to end: the app process loads stand-in series; the subscriber process takes, per
 * event of series.loadingStatus, its arrival time minus the event's `timestamp` (Date.now() inside the
 * transaction that persisted it). That timestamp is a whole millisecond, rounded down, so every figure is
 * an upper bound by less than 1 ms. Meanwhile the add group's load runs (50 clients calling series.add),
 * whose own events are counted too; this process adds the catalogue's series and waits for their loading.
 */
export const eventsGroup: BenchGroup = {
  name: "events",
  description: `loader step persisted (app process) → WS subscriber of series.loadingStatus (a process of its own), ≥ ${EVENTS} events, while ${ADD_CLIENTS} clients add ${ADDS} series`,
  async run(): Promise<Metric[]> {
    const run = await startLoadingBench(SERIES);
    const { bench } = run;
    const subscriber = spawnChild([
      process.execPath,
      join(import.meta.dir, "..", "support", "event-subscriber.ts"),
      bench.url,
      bench.apiKey,
    ]);
    await subscriber.waitFor((r) => (r.subscribed === true ? true : undefined));
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
    const received = subscriber.waitFor((r) =>
      Array.isArray(r.latencies) && Array.isArray(r.stepLatencies)
        ? { all: r.latencies as number[], steps: r.stepLatencies as number[] }
        : undefined,
    );
    await subscriber.stop(5_000);
    const { all: latencies, steps } = await received;
    await run.close();
    latencies.sort((a, b) => a - b);
    steps.sort((a, b) => a - b);
    console.error(
      `# events: ${latencies.length} events received, ${steps.length} of them loader steps (app = ${bench.command}); add load p50 ${round(Number(addLoad.p50))} ms`,
    );
    return [
      { metric: "event_p50_ms", value: round(percentile(latencies, 50), 3), unit: "ms" },
      { metric: "event_p99_ms", value: round(percentile(latencies, 99), 3), unit: "ms", target: "≤ 5" },
      // Where the tail is: the loader's step events alone, without the series.added events of the adds,
      // which come in bursts of up to a group commit's worth of adds (reported, not a target).
      { metric: "event_steps_p99_ms", value: round(percentile(steps, 99), 3), unit: "ms" },
    ];
  },
};
