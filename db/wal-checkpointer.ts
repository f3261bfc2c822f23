import type { Database } from "bun:sqlite";

/** How long after a commit the checkpoint runs: the commits of that window share it. */
export const CHECKPOINT_DELAY_MS = 200;
/**
 * SQLite's own checkpoint stays on as a backstop for writes that never tell the checkpointer (a settings
 * change, a session): it runs inside a commit once the WAL holds this many pages (16 MiB).
 */
const BACKSTOP_PAGES = 4_000;

/**
 * Moves WAL checkpoints off the commit path. By default SQLite checkpoints inside the commit that takes
 * the WAL past 1,000 pages: that commit then copies 4 MB and syncs twice, and every event it carries is
 * published that much later. Here the commit returns at once and a passive checkpoint runs as a task of
 * its own shortly after (it never waits for readers or writers; what it could not copy, the next one does).
 */
export class WalCheckpointer {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly sqlite: Database) {
    sqlite.run(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  /** A transaction committed: checkpoint soon, once for all commits until then. */
  committed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.checkpoint(), CHECKPOINT_DELAY_MS);
    this.timer.unref?.();
  }

  private checkpoint(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.sqlite.run("PRAGMA wal_checkpoint(PASSIVE)");
    } catch {
      // Locked by another process or closed at shutdown: the next commit schedules another, and the
      // backstop (or closing the last connection) checkpoints in any case.
    }
  }
}
