import { expect, test } from "bun:test";
import { groupStepResults, type StepMessage } from "../../../server/loading/step-result-groups.ts";
import type { StepResult } from "../../../shared/loader-messages.ts";

const nfoDone: StepResult = { step: "nfo", tmdbId: 7, imdbId: null };
const logoDone: StepResult = { step: "logo", unavailable: false };
const imagesDone: StepResult = { step: "images" };

test("a finished step goes with the job's next message; each step's start closes a group", () => {
  const batch: StepMessage[] = [
    { type: "stepStarted", jobId: 1, step: "nfo" },
    { type: "stepDone", jobId: 1, result: nfoDone, skipped: false },
    { type: "stepStarted", jobId: 2, step: "images" },
    { type: "stepDone", jobId: 1, result: logoDone, skipped: true },
    { type: "stepStarted", jobId: 1, step: "images" },
    { type: "stepDone", jobId: 2, result: imagesDone, skipped: false },
    { type: "stepDone", jobId: 1, result: imagesDone, skipped: false },
    { type: "jobFinished", jobId: 1, cancelled: false },
  ];
  expect(groupStepResults(batch)).toEqual([
    { jobId: 1, results: [{ type: "started", step: "nfo" }], ended: false },
    { jobId: 2, results: [{ type: "started", step: "images" }], ended: false },
    {
      jobId: 1,
      results: [
        { type: "done", result: nfoDone },
        { type: "done", result: logoDone },
        { type: "started", step: "images" },
      ],
      ended: false,
    },
    {
      jobId: 1,
      results: [{ type: "done", result: imagesDone }, { type: "finished" }],
      ended: true,
    },
    // Job 2's finished step came last in the batch: persisted on its own, the job goes on.
    { jobId: 2, results: [{ type: "done", result: imagesDone }], ended: false },
  ]);
});

test("a failed job and a cancelled one end their groups; a cancel writes nothing", () => {
  expect(
    groupStepResults([
      { type: "stepStarted", jobId: 3, step: "episodes" },
      { type: "jobFailed", jobId: 3, step: "episodes", message: "episodes step failed: 404" },
      { type: "stepDone", jobId: 4, result: nfoDone, skipped: false },
      { type: "jobFinished", jobId: 4, cancelled: true },
    ]),
  ).toEqual([
    { jobId: 3, results: [{ type: "started", step: "episodes" }], ended: false },
    { jobId: 3, results: [{ type: "failed", message: "episodes step failed: 404" }], ended: true },
    { jobId: 4, results: [{ type: "done", result: nfoDone }], ended: true },
  ]);
});
