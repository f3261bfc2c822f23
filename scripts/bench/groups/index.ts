import type { BenchGroup } from "../metric.ts";
import { scanGroup } from "./scan.ts";
import { startGroup } from "./start.ts";

/** Every benchmark group; `bun run bench -- --only a,b` picks some. Issues add their groups here. */
export const GROUPS: BenchGroup[] = [startGroup, scanGroup];
