/** Entry point when running from source: `bun server/main.ts [command] [options]`. */
import { join } from "node:path";
import { runCli } from "./cli/run.ts";

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  spa: async () =>
    (await import("./http/spa.ts")).directorySpa(join(import.meta.dir, "..", "dist", "client")),
});
process.exit(code);
