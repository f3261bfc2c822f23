import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";
import { type BenchGroup, type Metric, percentile, round } from "../metric.ts";
import { startBenchApp } from "../support/bench-app.ts";

const EVENTS = 5_000;

export const eventsGroup: BenchGroup = {
  name: "events",
  description: `loader step persisted → WS subscriber of series.loadingStatus receives it, ${EVENTS} events`,
  async run(): Promise<Metric[]> {
    const bench = await startBenchApp();
    const { services } = bench.app;
    await services.loader.stop(); // the bench drives the loader's persistence path itself
    const row = await services.seriesWrite.add("aniworld:bench-events");
    const ws = createWSClient({ url: `${bench.url.replace(/^http/, "ws")}/trpc` });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let waiting: (() => void) | null = null;
    let ready: () => void = () => {};
    const subscribed = new Promise<void>((r) => {
      ready = r;
    });
    const sub = client.series.loadingStatus.subscribe(
      { seriesId: row.id },
      {
        onData: (item) => {
          const t0 = sentAt.get(item.id);
          if (t0 === undefined) return ready(); // the snapshot
          latencies.push(performance.now() - t0);
          waiting?.();
        },
      },
    );
    await subscribed;
    const steps = ["episodes", "nfo", "logo", "images"] as const;
    for (let i = 0; i < EVENTS; i++) {
      const got = new Promise<void>((r) => {
        waiting = r;
      });
      const t0 = performance.now();
      const changed = services.loader.repository.stepStarted(row.id, steps[i % 4]!);
      if (!changed) throw new Error("series vanished");
      sentAt.set(String(services.events.log.lastId()), t0);
      await got;
    }
    sub.unsubscribe();
    ws.close();
    await bench.close();
    latencies.sort((a, b) => a - b);
    return [
      { metric: "event_p50_ms", value: round(percentile(latencies, 50), 3), unit: "ms" },
      { metric: "event_p99_ms", value: round(percentile(latencies, 99), 3), unit: "ms", target: "≤ 5" },
    ];
  },
};
