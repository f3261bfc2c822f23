import type { LoaderWorkerConfig } from "../../shared/loader-messages.ts";
import type { LoaderProviders } from "./series-job.ts";

/**
 * Builds the catalogue provider and metadata writer the loader worker uses, from the plain configuration
 * the main thread sends. One set per worker: their rate limiters therefore cover every loader job.
 */
export function createLoaderProviders(_config: LoaderWorkerConfig): LoaderProviders {
  throw new Error("providers are not available yet");
}
