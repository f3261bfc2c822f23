import { existsSync } from "node:fs";
import { join } from "node:path";
import { DB_FILE_NAME, openDatabase } from "../../db/connection.ts";
import { DownloadRepository } from "../../db/repositories/download-repository.ts";
import { foldersKnownOnDisk, SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { CheckResult } from "../../shared/diagnostics.ts";
import { DEFAULT_SETTINGS, type Settings } from "../../shared/settings.ts";
import type { Config } from "../config.ts";
import { createHttpClient } from "../providers/http/http-client.ts";
import { TokenBucketLimiter } from "../providers/http/rate-limiter.ts";
import { networkConfig, networkSourcesOf } from "../providers/net/network-config.ts";
import { Outbound } from "../providers/net/outbound.ts";
import { SettingsService } from "../settings/settings-service.ts";
import { runConnectionChecks } from "./connection-check.ts";
import { summarizeHosters } from "./hoster-summary.ts";

/**
 * The System → Health checks without a running server (`aniworld doctor`): the settings of the data dir
 * (TMDB key, FlareSolverr, proxy), its failed series and hoster attempts when a database exists.
 */
export async function checksWithoutServer(config: Config): Promise<CheckResult[]> {
  let settings: Settings = DEFAULT_SETTINGS;
  let failedSeries: { title: string; error: string | null }[] = [];
  let seriesFolders: string[] = [];
  let attempts: ReturnType<DownloadRepository["recentAttempts"]> = [];
  if (existsSync(join(config.dataDir, DB_FILE_NAME))) {
    const db = openDatabase(config.dataDir);
    try {
      settings = new SettingsService(db.db).get();
      const series = new SeriesRepository(db.db);
      failedSeries = series.listFailedLoading(20);
      seriesFolders = foldersKnownOnDisk(db.db);
      attempts = new DownloadRepository(db.db).recentAttempts(500);
    } finally {
      db.close();
    }
  }
  const net = new Outbound(networkConfig(networkSourcesOf(config), settings));
  try {
    return await runConnectionChecks({
      http: createHttpClient({ limiter: new TokenBucketLimiter(), net }),
      catalogUrl: config.catalogUrl,
      tmdbUrl: config.tmdbUrl,
      tmdbImageUrl: config.tmdbImageUrl,
      tmdbApiKey: settings.tmdbApiKey,
      libraryRoot: config.library,
      seriesFolders,
      failedSeries,
      hosters: summarizeHosters(attempts),
      ...(config.hosterUrls.length ? { hosterOrigins: config.hosterUrls } : {}),
    });
  } finally {
    net.close();
  }
}
