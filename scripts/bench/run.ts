/**
 * `bun run bench [-- --only add,events]`: runs benchmark groups and prints one JSON line per figure, also
 * appended to bench-results.jsonl. Figures are measured here, never asserted by timed tests.
 */
import { appendFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { GROUPS } from "./groups/index.ts";

const onlyArg = process.argv.indexOf("--only");
const only = onlyArg === -1 ? null : new Set((process.argv[onlyArg + 1] ?? "").split(",").filter(Boolean));
const unknown = only ? [...only].filter((n) => !GROUPS.some((g) => g.name === n)) : [];
if (unknown.length) {
  console.error(
    `unknown group(s): ${unknown.join(", ")}; known: ${GROUPS.map((g) => g.name).join(", ") || "none yet"}`,
  );
  process.exit(2);
}
const out = join(import.meta.dir, "..", "..", "bench-results.jsonl");
for (const group of GROUPS.filter((g) => !only || only.has(g.name))) {
  console.error(`# ${group.name}: ${group.description}`);
  // The load at the group's start, as a figure too, so a run on a busy shared machine can be recognised.
  const [one, five, fifteen] = loadavg().map((l) => Math.round(l * 100) / 100);
  console.error(`# load average: ${one} ${five} ${fifteen}`);
  const load = { metric: "load_average_1m", value: one ?? Number.NaN, unit: "x" } as const;
  for (const m of [load, ...(await group.run())]) {
    const line = JSON.stringify({ ...m, group: group.name, at: new Date().toISOString() });
    console.log(line);
    appendFileSync(out, `${line}\n`);
  }
}
