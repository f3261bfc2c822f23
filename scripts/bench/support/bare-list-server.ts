/**
 * Child process of the memory group: the least a Bun program does to serve series.list's first window back
 * to back — Bun.serve answering every request with a fresh JSON serialisation of the app's own answer (read
 * once from a file), as any JSON API must make one per call. Prints `{"url": …}` once listening; stops on
 * SIGTERM. Usage: bun bare-list-server.ts <answer.json>
 */
import { readFileSync } from "node:fs";

const answer: unknown = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8"));
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: () => new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } }),
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}` }));
process.on("SIGTERM", () => {
  server.stop(true);
  process.exit(0);
});
