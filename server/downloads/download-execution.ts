import type { DownloadRepository, DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import type { EpisodesRepository } from "../../db/repositories/episodes-repository.ts";
import type { EventsService } from "../events/events-service.ts";
import { unlessLocked, whenUnlocked } from "../lib/when-unlocked.ts";
import type { Logger } from "../logger.ts";
import type { SettingsService } from "../settings/settings-service.ts";
import { type DownloadLeftovers, downloadPlaceOf } from "./download-leftovers.ts";
import { type RunnerDeps, type RunOutcome, runDownload } from "./download-runner.ts";
import { type EpisodeFinisher, finishEpisode } from "./episode-finisher.ts";
import type { LiveProgress } from "./live-progress.ts";

/**
 * Why a run was stopped; "removed": its series went, and the download row with it; "moved": its series
 * folder is being or was renamed, and the queue starts it again where its row then says.
 */
export type StopReason = "paused" | "cancelled" | "shutdown" | "removed" | "moved";

export interface DownloadExecutionDeps {
  repo: DownloadRepository;
  episodes: EpisodesRepository;
  events: EventsService;
  settings: SettingsService;
  logger: Logger;
  finisher: EpisodeFinisher | undefined;
  runner: RunnerDeps;
  live: LiveProgress;
  /** Publishes the row's current state (download.changed). */
  emitItem(id: number): void;
  /** The run of download `id` paused because its folder was renamed or removed while it wrote. */
  onFolderGone(id: number): void;
  /**
   * Before a run: when the series folder is missing though the series was on disk, a library scan looks
   * for where it went; resolves true once one ran (the row may name another folder now).
   */
  lookForMissingFolder(row: DownloadWithEpisode): Promise<boolean>;
  leftovers: DownloadLeftovers;
}

/**
 * One queued download from start to its outcome, recorded as it goes: the row's state, source and bytes,
 * live progress ticks, the episode's file with its `episode.downloaded` event, and the final state. A run
 * stopped by the queue records nothing more (the queue already set the state), except one whose series was
 * removed: it removes what it left.
 */
export async function executeDownload(
  d: DownloadExecutionDeps,
  id: number,
  signal: AbortSignal,
  stopReason: () => StopReason | undefined,
): Promise<void> {
  let item = d.repo.get(id);
  if (!item) return;
  d.repo.update(id, { state: "resolving", startedAt: item.download.startedAt ?? Date.now(), error: null });
  d.emitItem(id);
  // A folder renamed by hand and not scanned since: follow it instead of making the old one again.
  if (await d.lookForMissingFolder(item)) {
    item = d.repo.get(id);
    if (!item || signal.aborted) return;
  }
  // Where this run writes: the cleanup needs it when the row is gone (a removed series).
  const place = downloadPlaceOf(item);
  // What an earlier run of it left under another name (another language, a changed template).
  const earlier = { ...place };
  try {
    const outcome = await runDownload(d.runner, item, {
      signal,
      settings: d.settings.get(),
      pathOwner: (targetPath) => d.repo.pathOwner(item.episode.id, targetPath),
      onSource: (s) => {
        place.targetPath = s.targetPath;
        d.repo.update(id, {
          state: "downloading",
          language: s.language,
          hoster: s.hoster,
          targetPath: s.targetPath,
        });
        d.emitItem(id);
      },
      onFolderMade: (folder) => {
        place.createdFolder = folder;
        d.repo.update(id, { createdFolder: folder });
      },
      onProgress: (p) => {
        const sample = d.live.update(id, p);
        // A sample is worth less than the transfer: while the database is locked it is skipped.
        if (sample.persist)
          unlessLocked(() => d.repo.update(id, { bytesDone: p.bytes, bytesTotal: p.total }));
        d.events.publishLive({
          type: "download.progressed",
          seriesId: item.series.id,
          progress: {
            type: "progress",
            id,
            bytesDone: p.bytes,
            bytesTotal: p.total,
            speed: sample.speed,
            etaSeconds: sample.eta,
          },
        });
      },
      onAttempt: (a) => d.repo.appendAttempt(id, a),
      onSuccess: (a) => d.repo.appendSuccess(id, a),
    });
    await recordOutcome(d, item, outcome);
  } catch (error) {
    const reason = stopReason();
    if (reason === "shutdown") return;
    if (reason === "removed") {
      for (const left of earlier.targetPath === place.targetPath ? [place] : [earlier, place])
        await d.leftovers
          .remove(id, left)
          .catch((stuck: unknown) =>
            d.logger.warn("a removed series' download left files", { id, place: left, error: stuck }),
          );
      return;
    }
    if (!reason) {
      d.logger.error("download crashed", { id, error });
      // Left as it is when even this cannot be written: the next start requeues it.
      await whenUnlocked(() =>
        d.repo.update(id, {
          state: "failed",
          error: "internal error (see the server log)",
          finishedAt: Date.now(),
        }),
      ).catch((stuck: unknown) => d.logger.error("download state not saved", { id, error: stuck }));
    }
  }
  d.emitItem(id);
}

async function recordOutcome(
  d: DownloadExecutionDeps,
  item: DownloadWithEpisode,
  outcome: RunOutcome,
): Promise<void> {
  const id = item.download.id;
  if (outcome.kind === "paused") {
    await whenUnlocked(() => d.repo.update(id, { state: "paused", error: outcome.error }));
    if (outcome.reason === "folder_gone") d.onFolderGone(id);
    return;
  }
  if (outcome.kind === "failed") {
    await whenUnlocked(() =>
      d.repo.update(id, { state: "failed", error: outcome.error, finishedAt: Date.now() }),
    );
    // Its parts are gone (or kept to resume on a retry); a folder made only for them goes too. Read again:
    // another download may have handed it a folder.
    d.leftovers.removeEmptyFolders(id, downloadPlaceOf(d.repo.get(id) ?? item));
    return;
  }
  // The file and its event in one transaction: "missing" and the library views update live.
  await whenUnlocked(() =>
    d.events.transact((_tx, record) => {
      d.episodes.markOnDisk(item.episode.id, {
        path: outcome.relativePath,
        size: outcome.size,
        language: outcome.language,
      });
      record({
        type: "episode.downloaded",
        seriesId: item.series.id,
        episodeId: item.episode.id,
        season: item.episode.season,
        number: item.episode.number,
        path: outcome.relativePath,
        timestamp: Date.now(),
      });
    }),
  );
  const note = await finishEpisode(d.finisher, item, outcome, d.logger);
  await whenUnlocked(() =>
    d.repo.update(id, {
      state: "completed",
      bytesDone: outcome.size,
      bytesTotal: outcome.size,
      finishedAt: Date.now(),
      targetPath: outcome.relativePath,
      // The row has no note column: a completed item's `error` carries its note (see toItem).
      error: note,
    }),
  );
}
