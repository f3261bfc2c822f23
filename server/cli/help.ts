import { CONFIG_KEYS } from "../config.ts";
import { APP_NAME, APP_VERSION } from "../version.ts";
import type { CommandSpec } from "./args.ts";

export function helpText(commands: readonly CommandSpec[]): string {
  const lines = [
    `${APP_NAME} ${APP_VERSION} — self-hosted anime library manager`,
    "",
    "Usage:",
    ...commands.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`),
    `  ${"aniworld --help | --version".padEnd(44)} this text | the version`,
    "",
    "Options (each also as an environment variable):",
  ];
  const used = new Set(commands.flatMap((c) => c.configKeys));
  for (const k of CONFIG_KEYS.filter((k) => used.has(k.key))) {
    const flag = k.kind === "boolean" ? k.flag : `${k.flag} ${k.kind === "number" ? "N" : "VALUE"}`;
    const def = k.default({});
    const shown = Array.isArray(def) ? "" : ` [default: ${String(def)}]`;
    lines.push(`  ${flag.padEnd(26)} ${k.env.padEnd(26)} ${k.help}${shown}`);
  }
  const switches = commands.flatMap((c) => c.switches.map((s) => ({ ...s, command: c.name })));
  if (switches.length) {
    lines.push("", "Switches:");
    for (const s of switches) lines.push(`  ${s.flag.padEnd(26)} (${s.command}) ${s.help}`);
  }
  lines.push(
    "",
    "Flags win over environment variables, which win over defaults. Bad flags exit with code 2.",
  );
  return lines.join("\n");
}
