/** The queue's answers: a row as downloads.list shows it, and a stored event as downloads.progress yields it. */
import type { DownloadWithEpisode } from "../../db/repositories/download-repository.ts";
import type { DownloadEvent, DownloadItem } from "../../shared/downloads.ts";
import { AppError } from "../../shared/errors.ts";
import type { StoredEvent } from "../../shared/events.ts";
import type { LiveProgress } from "./live-progress.ts";

type LiveSample = ReturnType<LiveProgress["get"]>;

/** A queue row as downloads.list shows it, with the live progress of a running transfer over the stored one. */
export function downloadItemOf(
  { download: d, episode: e, series: s }: DownloadWithEpisode,
  live: LiveSample | undefined,
): DownloadItem {
  const state = d.state;
  return {
    id: d.id,
    episodeId: e.id,
    seriesId: s.id,
    seriesTitle: s.title,
    season: e.season,
    episode: e.number,
    episodeTitle: e.titleDe || e.titleEn,
    state,
    position: d.position,
    language: (d.language as DownloadItem["language"]) ?? null,
    hoster: d.hoster,
    bytesDone: live?.bytes ?? d.bytesDone,
    bytesTotal: live?.total ?? d.bytesTotal,
    speed: live?.speed ?? 0,
    etaSeconds: live?.eta ?? null,
    attempts: d.attempts,
    attemptLog: d.attemptLog,
    error: state === "completed" ? null : d.error,
    note: state === "completed" ? d.error : null,
    targetPath: d.targetPath,
    createdAt: d.createdAt,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
  };
}

/** What downloads.progress yields for a stored or live event of DOWNLOAD_TOPICS. */
export function downloadEventOf(stored: StoredEvent): DownloadEvent {
  const { event } = stored;
  if (event.type === "download.changed") return event.change;
  if (event.type === "download.progressed") return event.progress;
  throw new AppError("INTERNAL", `unexpected event ${event.type}`);
}
