import { startApplication } from "../composition.ts";
import type { Config } from "../config.ts";
import type { SpaSource } from "../http/spa.ts";
import { messageOf } from "../lib/error-message.ts";

/** Starts the app and resolves with exit code 0 after a graceful shutdown on SIGINT/SIGTERM. */
export async function runServe(config: Config, spa: () => Promise<SpaSource>): Promise<number> {
  let app: Awaited<ReturnType<typeof startApplication>>;
  try {
    app = await startApplication({ config, spa: await spa() });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") console.error(`aniworld: ${config.host}:${config.port} is already in use`);
    else if (code === "EACCES")
      console.error(
        `aniworld: no permission to bind ${config.host}:${config.port} or to use ${config.dataDir}`,
      );
    else console.error(`aniworld: could not start: ${messageOf(error)}`);
    return 1;
  }
  // Everything of the start has run: from here on the JIT compiles as usual (see runCli).
  void app.ready.then(() => Bun.unsafe.setJITPolicy(1));
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      app.shutdown().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
