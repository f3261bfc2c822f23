import type { LoadingResult } from "../../db/repositories/loading-repository.ts";
import type { FromWorker } from "../../shared/loader-messages.ts";

/** The worker's messages about a job's steps (what the loader service persists). */
export type StepMessage = Extract<
  FromWorker,
  { type: "stepStarted" | "stepDone" | "jobFailed" | "jobFinished" }
>;

export interface StepResultGroup {
  jobId: number;
  /** Persisted together, in order, with one event; empty when there is nothing to write (a cancelled job). */
  results: LoadingResult[];
  /** It holds the job's last message: the job's slot is freed once the group is committed. */
  ended: boolean;
}

/**
 * Groups one batch of the worker's step messages for persisting. A finished step goes with the job's next
 * message in the batch (the next step's start, another finished step, the job's end): the state between
 * them lasted no longer than the batch window, so it is not worth a transaction and an event of its own.
 * Every step's start still closes a group, so each step a job starts is published. A finished step that
 * is the job's last message in the batch forms a group of its own at the end.
 */
export function groupStepResults(messages: readonly StepMessage[]): StepResultGroup[] {
  const groups: StepResultGroup[] = [];
  const open = new Map<number, LoadingResult[]>();
  const close = (jobId: number, ended: boolean) => {
    groups.push({ jobId, results: open.get(jobId) ?? [], ended });
    open.delete(jobId);
  };
  for (const message of messages) {
    const results = open.get(message.jobId) ?? [];
    open.set(message.jobId, results);
    switch (message.type) {
      case "stepDone":
        results.push({ type: "done", result: message.result });
        break;
      case "stepStarted":
        results.push({ type: "started", step: message.step });
        close(message.jobId, false);
        break;
      case "jobFailed":
        results.push({ type: "failed", message: message.message });
        close(message.jobId, true);
        break;
      case "jobFinished":
        if (!message.cancelled) results.push({ type: "finished" });
        close(message.jobId, true);
        break;
    }
  }
  for (const jobId of [...open.keys()]) close(jobId, false);
  return groups;
}
