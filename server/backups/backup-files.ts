import type { Database } from "bun:sqlite";
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export interface BackupFile {
  name: string;
  /** Absolute path. */
  path: string;
  size: number;
  /** When the backup was taken (from its name), ms since the epoch. */
  at: number;
}

const NAME = /^aniworld-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(\d{3})\.db$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, "backups");
}

/** The backups in `<data-dir>/backups`, newest first. Only files named by `backupName` count. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m) return [];
      const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
      const path = join(dir, name);
      return [{ name, path, size: statSync(path).size, at: Date.UTC(y!, mo! - 1, d, h, mi, s, ms) }];
    })
    .sort((a, b) => b.at - a.at);
}

/** `aniworld-20260102-030405678.db` (UTC): sorts by time and says when it was taken. */
export function backupName(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-01-02T03:04:05.678Z
  const digits = iso.replace(/[-:TZ.]/g, "");
  return `aniworld-${digits.slice(0, 8)}-${digits.slice(8)}.db`;
}

/**
 * Writes a consistent copy of the open database with `VACUUM INTO` (a read transaction: the server keeps
 * writing meanwhile) to a temp name, renames it into place, then deletes all but the newest `keep`.
 */
export function writeBackup(sqlite: Database, dataDir: string, keep: number, now = Date.now()): BackupFile {
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let at = now;
  while (listBackups(dataDir).some((b) => b.at === at)) at++;
  const name = backupName(at);
  const path = join(dir, name);
  const temp = `${path}.tmp`;
  rmSync(temp, { force: true });
  try {
    sqlite.run("VACUUM INTO ?", [temp]);
    // A backup holds password hashes and connection tokens: readable by the owner only.
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  for (const old of listBackups(dataDir).slice(Math.max(1, keep))) rmSync(old.path, { force: true });
  return { name, path, size: statSync(path).size, at };
}
