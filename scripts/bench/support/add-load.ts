/**
 * Child process of the events benchmark: the add group's load (closed-loop clients calling series.add with
 * an API key) from a process of its own, so the process receiving events does nothing else.
 * Usage: bun add-load.ts <app url> <api key> <clients> <total>; prints {"p50": ms, "p99": ms} when done.
 */
import { percentile } from "../metric.ts";
import { concurrentLatencies, trpcPost } from "./bench-app.ts";

const [url = "", apiKey = "", clients = "50", total = "2000"] = process.argv.slice(2);
const headers = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
const latencies = await concurrentLatencies(Number(clients), Number(total), async (i) => {
  await trpcPost(url, "series.add", { catalogKey: `aniworld:bench-${i}` }, headers);
});
console.log(JSON.stringify({ p50: percentile(latencies, 50), p99: percentile(latencies, 99) }));
