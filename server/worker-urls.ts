/**
 * Where the worker modules are, for `new Worker(url)`. This file sits next to the entry points (server/main.ts,
 * server/binary-main.ts) on purpose: in the compiled executable every module is bundled into the entry, so
 * `import.meta.url` is the entry's location in Bun's embedded file system, and the workers are embedded under
 * the same relative paths (scripts/build/worker-entrypoints.ts). From source, the paths are the real files.
 * A `new URL("./scan.worker.ts", import.meta.url)` inside server/library/ would point beside the entry in the
 * executable and fail (verified with `bun run build` + `dist/aniworld scan`). Every worker is located here.
 */
export const SCAN_WORKER_URL = new URL("./library/scan.worker.ts", import.meta.url);
export const LOADER_WORKER_URL = new URL("./loading/loader.worker.ts", import.meta.url);
