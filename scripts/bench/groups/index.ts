import type { BenchGroup } from "../metric.ts";
import { addGroup } from "./add.ts";
import { downloadGroup } from "./download.ts";
import { eventsGroup } from "./events.ts";
import { listGroup } from "./list.ts";
import { loaderGroup } from "./loader.ts";
import { memoryGroup } from "./memory.ts";
import { parseGroup } from "./parse.ts";
import { responsiveGroup } from "./responsive.ts";
import { scaleGroup } from "./scale.ts";
import { scanGroup } from "./scan.ts";
import { startGroup } from "./start.ts";

/** Every benchmark group; `bun run bench -- --only a,b` picks some. Issues add their groups here. */
export const GROUPS: BenchGroup[] = [
  startGroup,
  scanGroup,
  listGroup,
  scaleGroup,
  addGroup,
  eventsGroup,
  loaderGroup,
  responsiveGroup,
  memoryGroup,
  downloadGroup,
  parseGroup,
];
