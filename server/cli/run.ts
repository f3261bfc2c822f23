import type { SpaSource } from "../http/spa.ts";
import { APP_VERSION } from "../version.ts";
import { COMMANDS, DEFAULT_COMMAND } from "./commands.ts";

/**
 * How many times more reluctant than normal the JIT is while the server starts (Bun.unsafe.setJITPolicy).
 * Exec → first /healthz answer of dist/aniworld, fresh data dir, median of 15 on a busy machine: 47.7 ms
 * with the normal policy, 33.2 with 20; 100 and 1,000 were no better.
 */
const STARTUP_JIT_POLICY = 20;

export interface CliEnvironment {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** The web app's files; loaded only by `serve`, after it answers its first request. */
  spa: () => Promise<SpaSource>;
}

/**
 * Runs one command; returns the process exit code (serve returns only after shutdown). Each command's
 * modules are imported when it runs: the executable evaluates only what the chosen command needs, which is
 * most of its start time (`--version` evaluates next to nothing).
 */
export async function runCli(cli: CliEnvironment): Promise<number> {
  if (cli.argv.includes("--help") || cli.argv.includes("-h")) {
    const { helpText } = await import("./help.ts");
    console.log(helpText(COMMANDS));
    return 0;
  }
  if (cli.argv.includes("--version") || cli.argv.includes("-v")) {
    console.log(APP_VERSION);
    return 0;
  }
  const { parseArgs, UsageError } = await import("./args.ts");
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(cli.argv, cli.env, COMMANDS, DEFAULT_COMMAND);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`aniworld: ${error.message}\nRun "aniworld --help" for the options.`);
      return 2;
    }
    throw error;
  }
  switch (parsed.command) {
    case "serve":
      // The start is run-once code (module bodies, constructors, the first requests): compiling it costs
      // more than interpreting it. runServe restores the normal policy once the server is up.
      Bun.unsafe.setJITPolicy(STARTUP_JIT_POLICY);
      return (await import("./serve-command.ts")).runServe(parsed.config, cli.spa);
    case "reset-password":
      return (await import("./reset-password-command.ts")).runResetPassword(parsed.config);
    case "scan":
      return (await import("./scan-command.ts")).runScan(parsed.config, parsed.switches.has("--json"));
    case "backup":
      return (await import("./backup-command.ts")).runBackup(parsed.config);
    case "restore":
      return (await import("./backup-command.ts")).runRestore(parsed.config, parsed.positionals);
    case "healthcheck":
      return (await import("./healthcheck-command.ts")).runHealthcheck(parsed.config);
    case "doctor":
      return (await import("./doctor-command.ts")).runDoctor(parsed.config, parsed.switches.has("--json"));
    case "parse":
      return (await import("./parse-command.ts")).runParse(parsed.positionals, parsed.switches.has("--json"));
    default:
      console.error(`aniworld: command "${parsed.command}" is not implemented`);
      return 2;
  }
}
