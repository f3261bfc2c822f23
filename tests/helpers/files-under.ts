import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir` (folders left out), relative to it; none when `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((p) => statSync(join(dir, p)).isFile())
    : [];
}
