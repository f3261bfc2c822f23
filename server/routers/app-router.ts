import { authRouter } from "../auth/auth-router.ts";
import { backupsRouter } from "../backups/backups-router.ts";
import { catalogRouter } from "../catalog/catalog-router.ts";
import { connectionsRouter } from "../connections/connections-router.ts";
import { downloadsRouter } from "../downloads/downloads-router.ts";
import { libraryRouter } from "../library/library-router.ts";
import { seriesRouter } from "../series/series-router.ts";
import { settingsRouter } from "../settings/settings-router.ts";
import { systemRouter } from "../system/system-router.ts";
import { router } from "../trpc/trpc.ts";

/** The whole API. Its type is what the SPA and typed scripts import (`import type { AppRouter }`). */
export const appRouter = router({
  series: seriesRouter,
  settings: settingsRouter,
  system: systemRouter,
  auth: authRouter,
  catalog: catalogRouter,
  downloads: downloadsRouter,
  library: libraryRouter,
  connections: connectionsRouter,
  backups: backupsRouter,
});

export type AppRouter = typeof appRouter;
