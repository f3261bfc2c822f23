import { expect, test } from "bun:test";
import { type JobRunner, LoaderScheduler } from "../../../server/loading/loader-scheduler.ts";
import type { LoadJob } from "../../../shared/loader-messages.ts";

/** A runner that only records: the test plays the worker by calling jobEnded. */
class RecordingRunner implements JobRunner {
  started: LoadJob[] = [];
  cancelled: number[] = [];
  run(job: LoadJob): void {
    this.started.push(job);
  }
  cancel(jobId: number): void {
    this.cancelled.push(jobId);
  }
  jobOf(seriesId: number): number {
    return this.started.findLast((j) => j.seriesId === seriesId)!.jobId;
  }
}

function setup(concurrency: number, missing = new Set<number>()) {
  const runner = new RecordingRunner();
  const scheduler = new LoaderScheduler({
    runner,
    concurrency,
    buildJob: (seriesId, jobId, folderPrepared) =>
      missing.has(seriesId)
        ? null
        : {
            jobId,
            seriesId,
            slug: `s${seriesId}`,
            folder: `S${seriesId}`,
            identity: {
              catalogKey: `aniworld:s${seriesId}`,
              title: "t",
              year: null,
              imdbId: null,
              tmdbId: null,
            },
            steps: ["episodes"],
            folderPrepared,
            seasons: [],
          },
  });
  const startedSeries = () => runner.started.map((j) => j.seriesId);
  return { runner, scheduler, startedSeries };
}

test("runs at most `concurrency` jobs; the next starts when one ends, in queue order", () => {
  const { runner, scheduler, startedSeries } = setup(2);
  for (const id of [1, 2, 3, 4]) scheduler.enqueue(id, "backfill");
  scheduler.enqueue(5, "user");
  expect(startedSeries()).toEqual([1, 2]);
  expect(scheduler.queued()).toEqual([5, 3, 4]);
  scheduler.jobEnded(runner.jobOf(1));
  expect(startedSeries()).toEqual([1, 2, 5]);
  scheduler.jobEnded(runner.jobOf(2));
  scheduler.jobEnded(runner.jobOf(5));
  expect(startedSeries()).toEqual([1, 2, 5, 3, 4]);
});

test("a series running or waiting is never queued again", () => {
  const { scheduler, startedSeries } = setup(1);
  expect(scheduler.enqueue(1, "user")).toBe("added");
  expect(scheduler.enqueue(1, "user")).toBe("running");
  expect(scheduler.enqueue(2, "backfill")).toBe("added");
  expect(scheduler.enqueue(2, "backfill")).toBe("present");
  expect(startedSeries()).toEqual([1]);
  expect(scheduler.queued()).toEqual([2]);
});

test("cancel drops a waiting series, and a running one keeps its slot until the worker confirms", async () => {
  const { runner, scheduler, startedSeries } = setup(1);
  scheduler.enqueue(1, "user");
  scheduler.enqueue(2, "user");
  scheduler.enqueue(3, "user");
  await scheduler.cancel(2);
  expect(scheduler.queued()).toEqual([3]);
  let confirmed = false;
  const done = scheduler.cancel(1).then(() => {
    confirmed = true;
  });
  const job1 = runner.jobOf(1);
  expect(runner.cancelled).toEqual([job1]);
  expect(scheduler.activeSeriesOf(job1)).toBeUndefined();
  expect(startedSeries()).toEqual([1]);
  await Bun.sleep(1);
  expect(confirmed).toBe(false);
  scheduler.jobEnded(job1);
  await done;
  expect(confirmed).toBe(true);
  expect(startedSeries()).toEqual([1, 3]);
});

test("concurrency changes apply live", () => {
  const { scheduler, startedSeries } = setup(1);
  for (const id of [1, 2, 3, 4]) scheduler.enqueue(id, "user");
  expect(startedSeries()).toEqual([1]);
  scheduler.setConcurrency(3);
  expect(startedSeries()).toEqual([1, 2, 3]);
});

test("a worker crash puts live jobs back at the front; cancelled ones are dropped", () => {
  const { runner, scheduler, startedSeries } = setup(2);
  for (const id of [1, 2, 3]) scheduler.enqueue(id, "backfill");
  void scheduler.cancel(2);
  expect(scheduler.requeueRunning()).toEqual([1]);
  expect(startedSeries()).toEqual([1, 2, 1, 3]);
  expect(runner.started.at(-2)!.jobId).not.toBe(runner.started[0]!.jobId);
});

test("a series deleted before its turn is skipped", () => {
  const { scheduler, startedSeries } = setup(1, new Set([2]));
  for (const id of [1, 2, 3]) scheduler.enqueue(id, "user");
  scheduler.jobEnded(1);
  expect(startedSeries()).toEqual([1, 3]);
});

test("after stop nothing new starts", () => {
  const { runner, scheduler, startedSeries } = setup(1);
  scheduler.enqueue(1, "user");
  scheduler.enqueue(2, "user");
  scheduler.stop();
  scheduler.jobEnded(runner.jobOf(1));
  expect(startedSeries()).toEqual([1]);
});

test("a folder made while its series waits reaches that series' job, and no other job", () => {
  const { runner, scheduler, startedSeries } = setup(1);
  for (const id of [1, 2, 3]) scheduler.enqueue(id, "user");
  // Series 1 runs already: its job makes its folder itself, and a later job of it must too.
  expect(scheduler.markFolderPrepared(1)).toBe(false);
  expect(scheduler.markFolderPrepared(2)).toBe(true);
  expect(scheduler.markFolderPrepared(3)).toBe(true);
  void scheduler.cancel(3); // removed while waiting: its note goes with it
  scheduler.enqueue(3, "user");
  scheduler.jobEnded(runner.jobOf(1));
  expect(startedSeries()).toEqual([1, 2]);
  expect(runner.started.at(-1)).toMatchObject({ seriesId: 2, folderPrepared: true });
  scheduler.enqueue(1, "user"); // a retry of series 1
  scheduler.jobEnded(runner.jobOf(2));
  scheduler.jobEnded(runner.jobOf(3));
  expect(startedSeries()).toEqual([1, 2, 3, 1]);
  expect(runner.started.map((j) => j.folderPrepared)).toEqual([false, true, false, false]);
  // A worker crash: the running series goes back to the line without a note (its new job makes the folder
  // again); a waiting series keeps its note, as its folder stays on disk whatever happens to the worker.
  scheduler.enqueue(2, "user");
  scheduler.markFolderPrepared(2);
  expect(scheduler.requeueRunning()).toEqual([1]);
  expect(runner.started.at(-1)).toMatchObject({ seriesId: 2, folderPrepared: true });
  scheduler.jobEnded(runner.jobOf(2));
  expect(runner.started.at(-1)).toMatchObject({ seriesId: 1, folderPrepared: false });
});
