/**
 * Entry point of the compiled executable. The build (scripts/build/build.ts) resolves the virtual module
 * "aniworld:embedded-spa" to the SPA files embedded in the binary; everything else is the same as
 * server/main.ts. Nothing here is imported statically beyond the dispatch, so `--version` stays cheap.
 */
import { runCli } from "./cli/run.ts";

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  spa: async () => {
    const [{ spaFiles }, { embeddedSpa }] = await Promise.all([
      import("aniworld:embedded-spa"),
      import("./http/spa.ts"),
    ]);
    return embeddedSpa(spaFiles);
  },
});
process.exit(code);
