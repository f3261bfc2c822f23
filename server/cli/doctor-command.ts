import type { CheckResult } from "../../shared/diagnostics.ts";
import type { Config } from "../config.ts";
import { checksWithoutServer } from "../system/offline-checks.ts";

const MARK: Record<CheckResult["status"], string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

/**
 * `aniworld doctor [--json]`: the System → Health checks from the command line, each problem with what to
 * do. Exit code 0 when nothing failed, 1 otherwise.
 */
export async function runDoctor(config: Config, json: boolean): Promise<number> {
  const results = await checksWithoutServer(config);
  for (const r of results) {
    if (json) console.log(JSON.stringify(r));
    else console.log(`${MARK[r.status]}  ${r.label}: ${r.detail}${r.advice ? `\n      → ${r.advice}` : ""}`);
  }
  return results.some((r) => r.status === "fail") ? 1 : 0;
}
