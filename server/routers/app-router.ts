import { router } from "../trpc/trpc.ts";
import { authRouter } from "./auth-router.ts";
import { backupsRouter } from "./backups-router.ts";
import { catalogRouter } from "./catalog-router.ts";
import { connectionsRouter } from "./connections-router.ts";
import { downloadsRouter } from "./downloads-router.ts";
import { libraryRouter } from "./library-router.ts";
import { seriesRouter } from "./series-router.ts";
import { settingsRouter } from "./settings-router.ts";
import { systemRouter } from "./system-router.ts";

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
