/**
 * Entry of the loader worker thread (an extra entrypoint of the compiled executable, see
 * scripts/build/worker-entrypoints.ts). It only wires the real providers into the worker runtime.
 */
import type { FromWorker } from "../../shared/loader-messages.ts";
import { runThisThreadInBackground } from "../lib/background-priority.ts";
import { createLoaderProviders } from "./loader-providers.ts";
import { runLoaderWorker } from "./worker-runtime.ts";

declare const self: Worker;

runThisThreadInBackground();

runLoaderWorker(
  {
    postMessage: (messages: FromWorker[]) => self.postMessage(messages),
    onMessage: (handler) => {
      self.onmessage = (event: MessageEvent) => handler(event.data);
    },
  },
  createLoaderProviders,
);
