import { existsSync } from "node:fs";
import { join } from "node:path";
import { DB_FILE_NAME, openDatabase } from "../../db/connection.ts";
import { DownloadRepository } from "../../db/repositories/download-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { CheckResult } from "../../shared/diagnostics.ts";
import { DEFAULT_SETTINGS, type Settings } from "../../shared/settings.ts";
import type { Config } from "../config.ts";
import { runConnectionChecks } from "../diagnostics/connection-check.ts";
import { summarizeHosters } from "../diagnostics/hoster-summary.ts";
import { createHttpClient } from "../providers/http/http-client.ts";
import { TokenBucketLimiter } from "../providers/http/rate-limiter.ts";
import { networkConfig, networkSourcesOf } from "../providers/net/network-config.ts";
import { Outbound } from "../providers/net/outbound.ts";
import { SettingsService } from "../services/settings-service.ts";

const MARK: Record<CheckResult["status"], string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

/**
 * `aniworld doctor`: the System → Health checks from the command line, with the settings of the data dir
 * (TMDB key, FlareSolverr, proxy) when one exists. Exit code 0 when nothing failed, 1 otherwise.
 */
export async function runDoctor(config: Config, json: boolean): Promise<number> {
  const hasDb = existsSync(join(config.dataDir, DB_FILE_NAME));
  let settings: Settings = DEFAULT_SETTINGS;
  let failedSeries: { title: string; error: string | null }[] = [];
  let attempts: ReturnType<DownloadRepository["recentAttempts"]> = [];
  if (hasDb) {
    const db = openDatabase(config.dataDir);
    try {
      settings = new SettingsService(db.db).get();
      failedSeries = new SeriesRepository(db.db).listFailedLoading(20);
      attempts = new DownloadRepository(db.db).recentAttempts(500);
    } finally {
      db.close();
    }
  }
  const net = new Outbound(networkConfig(networkSourcesOf(config), settings));
  const http = createHttpClient({ limiter: new TokenBucketLimiter(), net });
  const results = await runConnectionChecks({
    http,
    catalogUrl: config.catalogUrl,
    tmdbUrl: config.tmdbUrl,
    tmdbImageUrl: config.tmdbImageUrl,
    tmdbApiKey: settings.tmdbApiKey,
    libraryRoot: config.library,
    failedSeries,
    hosters: summarizeHosters(attempts),
    ...(config.hosterUrls.length ? { hosterOrigins: config.hosterUrls } : {}),
  });
  net.close();
  for (const r of results) {
    if (json) console.log(JSON.stringify(r));
    else console.log(`${MARK[r.status]}  ${r.label}: ${r.detail}${r.advice ? `\n      → ${r.advice}` : ""}`);
  }
  return results.some((r) => r.status === "fail") ? 1 : 0;
}
