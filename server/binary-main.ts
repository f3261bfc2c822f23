/**
 * Entry point of the compiled executable. The build (scripts/build/build.ts) resolves the virtual module
 * below to the SPA files embedded in the binary; everything else is the same as server/main.ts.
 */
import { spaFiles } from "aniworld:embedded-spa";
import { runCli } from "./cli/run.ts";
import { embeddedSpa } from "./http/spa.ts";

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  spa: () => embeddedSpa(spaFiles),
});
process.exit(code);
