/** Entry point when running from source: `bun server/main.ts [command] [options]`. */
import { join } from "node:path";
import { runCli } from "./cli/run.ts";
import { directorySpa } from "./http/spa.ts";

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  spa: () => directorySpa(join(import.meta.dir, "..", "dist", "client")),
});
process.exit(code);
