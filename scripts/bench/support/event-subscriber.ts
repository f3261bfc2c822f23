/**
 * Child process of the events benchmark: subscribes to series.loadingStatus over WebSocket with an API key
 * and does nothing else, as a browser tab would. Per event: its arrival time minus the event's `timestamp`.
 * Usage: bun event-subscriber.ts <app url> <api key>; prints {"subscribed": true} once the subscription has
 * started, and {"latencies": [ms, ...], "stepLatencies": [ms, ...]} when it gets SIGTERM.
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import type { AppRouter } from "../../../server/routers/app-router.ts";

const [url = "", apiKey = ""] = process.argv.slice(2);

/** Wall-clock time with sub-millisecond resolution, comparable across processes of one machine. */
const wallNow = () => performance.timeOrigin + performance.now();

const ws = createWSClient({ url: `${url.replace(/^http/, "ws")}/trpc`, connectionParams: { apiKey } });
const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
const latencies: number[] = [];
/** The loader's steps alone: every event but a series' first, pending state (series.added, the adds' own). */
const stepLatencies: number[] = [];
const since = Date.now();
client.series.loadingStatus.subscribe(
  {},
  {
    onStarted: () => console.log(JSON.stringify({ subscribed: true })),
    onData: (item) => {
      if (item.data.timestamp < since) return; // a snapshot row
      const latency = wallNow() - item.data.timestamp;
      latencies.push(latency);
      if (item.data.status !== "pending") stepLatencies.push(latency);
    },
    onError: (error) => console.error(`event subscriber: subscription failed: ${error.message}`),
  },
);
process.on("SIGTERM", () => {
  console.log(JSON.stringify({ latencies, stepLatencies }));
  ws.close();
  process.exit(0);
});
