import type { SpaSource } from "../http/spa.ts";
import { APP_VERSION } from "../version.ts";
import { parseArgs, UsageError } from "./args.ts";
import { runBackup, runRestore } from "./backup-command.ts";
import { COMMANDS, DEFAULT_COMMAND } from "./commands.ts";
import { runHealthcheck } from "./healthcheck-command.ts";
import { helpText } from "./help.ts";
import { runParse } from "./parse-command.ts";
import { runResetPassword } from "./reset-password-command.ts";
import { runScan } from "./scan-command.ts";
import { runServe } from "./serve-command.ts";

export interface CliEnvironment {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  spa: () => SpaSource;
}

/** Runs one command; returns the process exit code (serve returns only after shutdown). */
export async function runCli(cli: CliEnvironment): Promise<number> {
  if (cli.argv.includes("--help") || cli.argv.includes("-h")) {
    console.log(helpText(COMMANDS));
    return 0;
  }
  if (cli.argv.includes("--version") || cli.argv.includes("-v")) {
    console.log(APP_VERSION);
    return 0;
  }
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
      return runServe(parsed.config, cli.spa());
    case "reset-password":
      return runResetPassword(parsed.config);
    case "scan":
      return runScan(parsed.config, parsed.switches.has("--json"));
    case "backup":
      return runBackup(parsed.config);
    case "restore":
      return runRestore(parsed.config, parsed.positionals);
    case "healthcheck":
      return runHealthcheck(parsed.config);
    case "parse":
      return runParse(parsed.positionals, parsed.switches.has("--json"));
    default:
      console.error(`aniworld: command "${parsed.command}" is not implemented`);
      return 2;
  }
}
