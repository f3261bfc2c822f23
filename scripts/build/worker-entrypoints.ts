/**
 * Worker modules must be extra entrypoints of the compiled executable, or `new Worker(...)` finds nothing
 * at run time. Every worker file is listed here (paths relative to the repository root).
 */
export const WORKER_ENTRYPOINTS: readonly string[] = [
  "server/library/scan.worker.ts",
  "server/loading/loader.worker.ts",
];
