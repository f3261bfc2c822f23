import { mkdir, rename, rmdir, stat } from "node:fs/promises";
import { dirname, extname, posix } from "node:path";
import type { Db } from "../../db/connection.ts";
import type { EventTransactions } from "../../db/event-log.ts";
import { DownloadRepository } from "../../db/repositories/download-repository.ts";
import { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import { SeriesRepository } from "../../db/repositories/series-repository.ts";
import type { SeriesRow } from "../../db/schema/index.ts";
import { AppError } from "../../shared/errors.ts";
import type { Language } from "../../shared/languages.ts";
import { renderEpisodePath, renderSeriesFolder } from "../../shared/naming.ts";
import type { OrganizePlan } from "../../shared/series-loading.ts";
import { resolveInsideRoot } from "../fs/inside-root.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";

/** Files that belong to an episode's video and move with it (NFO writer and thumbnail naming). */
const SIDECARS = [".nfo", "-thumb.jpg"];

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * "Organize": renames a series' folder and episode files to the current templates, so files added before a
 * template change (or named by another tool) follow the one naming rule. Preview first, then apply; never
 * while the series is loading (the loader writes into the folder). Its running downloads stop while it
 * renames and go on in the new places afterwards.
 */
export class OrganizeService {
  // Built on first use: their prepared statements stay off the start-up path.
  private seriesRepo: SeriesRepository | null = null;
  private episodesRepo: EpisodesRepository | null = null;
  private downloadsRepo: DownloadRepository | null = null;

  constructor(
    private readonly o: {
      db: Db;
      /**
       * Where a renamed series folder is recorded (series.folderMoved) with the rows that follow it, and the
       * renamed files (series.filesRenamed).
       */
      events: EventTransactions;
      settings: SettingsService;
      libraryRoot: string;
      logger: Logger;
      /** True while the loader works on the series. */
      isBusy: (seriesId: number) => boolean;
      /**
       * Runs `work` while no download of the series runs: the running ones stop (their part files stay) and
       * start again once it is done, where their rows then say.
       */
      holdDownloads: <T>(seriesId: number, work: () => Promise<T>) => Promise<T>;
    },
  ) {}

  private get series(): SeriesRepository {
    this.seriesRepo ??= new SeriesRepository(this.o.db);
    return this.seriesRepo;
  }

  private get episodes(): EpisodesRepository {
    this.episodesRepo ??= new EpisodesRepository(this.o.db);
    return this.episodesRepo;
  }

  private get downloads(): DownloadRepository {
    this.downloadsRepo ??= new DownloadRepository(this.o.db);
    return this.downloadsRepo;
  }

  async preview(seriesId: number): Promise<OrganizePlan> {
    const row = this.require(seriesId);
    const s = this.o.settings.get();
    const notes: string[] = [];
    let folder = row.folder;
    const wanted = renderSeriesFolder(s.folderTemplate, {
      series: row.title,
      year: row.year,
      imdbId: row.imdbId,
      tmdbId: row.tmdbId,
    });
    if (wanted !== row.folder) {
      const taken =
        this.series.findByFolder(wanted) ?? (await exists(resolveInsideRoot(this.o.libraryRoot, wanted)));
      if (taken) notes.push(`The folder "${wanted}" already exists: the series keeps "${row.folder}".`);
      else folder = wanted;
    }
    const list = this.episodes.listBySeries(seriesId).filter((e) => e.filePath !== null);
    const uses = new Map<string, number>();
    for (const e of list) uses.set(e.filePath ?? "", (uses.get(e.filePath ?? "") ?? 0) + 1);
    const files: OrganizePlan["files"] = [];
    const targets = new Set<string>();
    for (const e of list) {
      const from = e.filePath ?? "";
      if ((uses.get(from) ?? 0) > 1) {
        notes.push(`${posix.basename(from)} holds several episodes and keeps its name.`);
        continue;
      }
      const name = renderEpisodePath(s.namingTemplate, {
        series: row.title,
        year: row.year,
        season: e.season,
        episode: e.number,
        title: e.titleDe || e.titleEn,
        language: (e.fileLanguage as Language | null) ?? null,
        imdbId: row.imdbId,
        tmdbId: row.tmdbId,
        catalogKey: row.catalogKey,
      });
      const to = posix.join(folder, `${name}${extname(from)}`);
      const current = posix.join(folder, posix.relative(row.folder, from));
      if (to === current && folder === row.folder) continue;
      if (targets.has(to)) {
        notes.push(`Two files would be named ${posix.basename(to)}: ${posix.basename(from)} keeps its name.`);
        continue;
      }
      targets.add(to);
      files.push({ episodeId: e.id, from, to });
    }
    return { folder: folder === row.folder ? null : { from: row.folder, to: folder }, files, notes };
  }

  /** Renames what the preview lists; returns the plan and how many files now have their new path. */
  async apply(seriesId: number): Promise<OrganizePlan & { renamed: number }> {
    if (this.o.isBusy(seriesId))
      throw new AppError("CONFLICT", "the series is loading: organize it once that has finished");
    // A transfer writing while its folder is renamed would finish into the old name.
    return this.o.holdDownloads(seriesId, () => this.applyHeld(seriesId));
  }

  private async applyHeld(seriesId: number): Promise<OrganizePlan & { renamed: number }> {
    const plan = await this.preview(seriesId);
    const root = this.o.libraryRoot;
    const notes = [...plan.notes];
    if (plan.folder) await this.moveFolder(seriesId, plan.folder);
    const moved = (path: string) =>
      plan.folder ? posix.join(plan.folder.to, posix.relative(plan.folder.from, path)) : path;
    let renamed = 0;
    for (const f of plan.files) {
      const from = resolveInsideRoot(root, moved(f.from));
      const to = resolveInsideRoot(root, f.to);
      if (from !== to) {
        if (await exists(to)) {
          notes.push(`${posix.basename(f.to)} already exists: ${posix.basename(f.from)} kept its name.`);
          this.episodes.moveFile(f.episodeId, moved(f.from));
          continue;
        }
        await mkdir(dirname(to), { recursive: true });
        await rename(from, to);
        const fromBase = from.slice(0, from.length - extname(from).length);
        const toBase = to.slice(0, to.length - extname(to).length);
        for (const suffix of SIDECARS)
          if (await exists(fromBase + suffix)) await rename(fromBase + suffix, toBase + suffix);
        await rmdir(dirname(from)).catch(() => {}); // only succeeds when the old season folder is empty
      }
      this.episodes.moveFile(f.episodeId, f.to);
      renamed++;
    }
    if (renamed > 0)
      this.o.events.transact((_tx, record) =>
        record({ type: "series.filesRenamed", seriesId, count: renamed, timestamp: Date.now() }),
      );
    this.o.logger.info("series organized", { seriesId, renamed, folder: plan.folder?.to ?? null });
    return { ...plan, notes, renamed };
  }

  /**
   * Renames the series folder; the series and the downloads that write (or wrote) into it follow in one
   * transaction with the series.folderMoved event, so none of them names the old folder. Renamed back when
   * that cannot be recorded.
   */
  private async moveFolder(seriesId: number, folder: { from: string; to: string }): Promise<void> {
    const from = resolveInsideRoot(this.o.libraryRoot, folder.from);
    const to = resolveInsideRoot(this.o.libraryRoot, folder.to);
    await rename(from, to);
    try {
      this.o.events.transact((_tx, record) => {
        this.series.update(seriesId, { folder: folder.to });
        this.downloads.followFolderMove(folder.from, folder.to);
        record({ type: "series.folderMoved", seriesId, ...folder, timestamp: Date.now() });
      });
    } catch (error) {
      await rename(to, from);
      throw error;
    }
  }

  private require(id: number): SeriesRow {
    const row = this.series.findById(id);
    if (!row) throw new AppError("NOT_FOUND", `no series with id ${id}`);
    return row;
  }
}
