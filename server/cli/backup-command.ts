import { existsSync } from "node:fs";
import { join } from "node:path";
import { DB_FILE_NAME, openDatabase } from "../../db/connection.ts";
import { writeBackup } from "../backups/backup-files.ts";
import { RestoreError, restoreBackup } from "../backups/restore.ts";
import type { Config } from "../config.ts";
import { messageOf } from "../lib/error-message.ts";
import { SettingsService } from "../settings/settings-service.ts";

/**
 * `aniworld backup [--data-dir DIR]`: a backup now, beside the scheduled ones (keeping the setting's
 * number). Safe while the server runs: VACUUM INTO reads one consistent snapshot.
 */
export function runBackup(config: Config): number {
  if (!existsSync(join(config.dataDir, DB_FILE_NAME))) {
    console.error(`aniworld: no database in ${config.dataDir}`);
    return 1;
  }
  const db = openDatabase(config.dataDir, { migrate: false });
  try {
    const keep = new SettingsService(db.db).get().backupKeep;
    const file = writeBackup(db.sqlite, config.dataDir, keep);
    console.log(`backed up to ${file.path} (${file.size} bytes; keeping the newest ${keep})`);
    return 0;
  } catch (error) {
    console.error(`aniworld: the backup failed: ${messageOf(error)}`);
    return 1;
  } finally {
    db.close();
  }
}

/** `aniworld restore FILE [--data-dir DIR]`: checks FILE, refuses while a server runs, then swaps it in. */
export function runRestore(config: Config, positionals: readonly string[]): number {
  if (positionals.length !== 1) {
    console.error("aniworld: restore takes exactly one FILE (see --help)");
    return 2;
  }
  try {
    const outcome = restoreBackup(positionals[0] ?? "", config.dataDir);
    console.log(
      `restored ${outcome.series} series into ${config.dataDir}` +
        (outcome.previous ? `; the database it replaced is saved as ${outcome.previous}` : ""),
    );
    return 0;
  } catch (error) {
    if (error instanceof RestoreError) {
      console.error(`aniworld: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
