/**
 * The scan worker: walks the library off the main thread and posts results in batches, so the server
 * stays responsive while a large library is read. Speaks only the message union in shared/library-scan.ts.
 */
import * as v from "valibot";
import {
  type ScanIssue,
  type ScannedFolder,
  type ScanWorkerMessage,
  ScanWorkerRequestSchema,
} from "../../shared/library-scan.ts";
import { isUnchanged, listSeriesFolders, scanSeriesFolder, walkContext } from "./library-walker.ts";

declare const self: Worker;

const post = (message: ScanWorkerMessage) => self.postMessage(message);

function run(data: unknown): void {
  const parsed = v.safeParse(ScanWorkerRequestSchema, data);
  if (!parsed.success) {
    const jobId = typeof data === "object" && data && "jobId" in data ? String(data.jobId) : "";
    post({ type: "failed", jobId, message: `bad scan request: ${parsed.issues[0].message}` });
    return;
  }
  const request = parsed.output;
  const { jobId } = request;
  const issues: ScanIssue[] = [];
  let ctx: ReturnType<typeof walkContext>;
  let folders: string[];
  try {
    ctx = walkContext(request.root);
    folders = request.folders ?? listSeriesFolders(ctx, issues);
  } catch (error) {
    post({ type: "failed", jobId, message: `cannot read the library root: ${(error as Error).message}` });
    return;
  }
  post({ type: "started", jobId, total: folders.length });
  let batch: ScannedFolder[] = [];
  let unchanged: string[] = [];
  let done = 0;
  for (const folder of folders) {
    done++;
    if (isUnchanged(ctx, folder, request.previous[folder])) unchanged.push(folder);
    else batch.push(scanSeriesFolder(ctx, folder));
    if (batch.length + unchanged.length >= request.batchSize) {
      post({ type: "folders", jobId, folders: batch, unchanged, done });
      batch = [];
      unchanged = [];
    }
  }
  if (batch.length || unchanged.length) post({ type: "folders", jobId, folders: batch, unchanged, done });
  post({ type: "finished", jobId, issues });
}

self.onmessage = (event: MessageEvent) => {
  try {
    run(event.data);
  } catch (error) {
    post({ type: "failed", jobId: "", message: `scan worker crashed: ${(error as Error).message}` });
  }
};
