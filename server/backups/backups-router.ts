import { authedProcedure, router } from "../trpc/trpc.ts";
import type { BackupFile } from "./backup-files.ts";

/** What the API shows of a backup: never the absolute path of the data dir. */
function view(file: BackupFile) {
  return { name: file.name, size: file.size, at: file.at };
}

export const backupsRouter = router({
  list: authedProcedure.query(({ ctx }) => ({
    backups: ctx.services.backups.list().map(view),
    nextDueAt: ctx.services.backups.nextDueAt(),
  })),
  /** "Back up now". */
  create: authedProcedure.mutation(({ ctx }) => view(ctx.services.backups.backupNow())),
});
