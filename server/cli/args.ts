import { parseArgs as parseArgv } from "node:util";
import * as v from "valibot";
import { CONFIG_KEYS, type Config, ConfigSchema, normaliseConfig } from "../config.ts";

/** A command-line mistake: reported with its message and exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Config keys this command accepts as flags. */
  configKeys: readonly (keyof Config)[];
  /** Extra boolean switches, e.g. --json. */
  switches: readonly { flag: string; help: string }[];
  positionals: "none" | "some" | "any";
}

export interface ParsedArgs {
  command: string;
  config: Config;
  switches: Set<string>;
  positionals: string[];
}

type RawValue = string | boolean | string[];

/**
 * Parses argv (after the program name) for one of `commands`, with node:util's parseArgs for the tokens. Flags win over ANIWORLD_* variables,
 * which win over defaults; the merged result is validated by ConfigSchema.
 */
export function parseArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  commands: readonly CommandSpec[],
  defaultCommand: string,
): ParsedArgs {
  let rest = [...argv];
  let commandName = defaultCommand;
  const first = rest[0];
  if (first !== undefined && !first.startsWith("-")) {
    commandName = first;
    rest = rest.slice(1);
  }
  const command = commands.find((c) => c.name === commandName);
  if (!command)
    throw new UsageError(
      `unknown command "${commandName}" (commands: ${commands.map((c) => c.name).join(", ")})`,
    );

  const keys = CONFIG_KEYS.filter((k) => command.configKeys.includes(k.key));
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const k of keys) options[k.flag.slice(2)] = { type: k.kind === "boolean" ? "boolean" : "string" };
  for (const s of command.switches) options[s.flag.slice(2)] = { type: "boolean" };
  // Not strict: the messages below name the command and the flag, and `--trust-proxy=false` stays allowed.
  const { tokens } = parseArgv({ args: rest, options, strict: false, allowPositionals: true, tokens: true });
  const raw = new Map<keyof Config, RawValue>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const flag = token.rawName.startsWith("--") ? `--${token.name}` : token.rawName;
    const sw = command.switches.find((s) => s.flag === flag);
    if (sw) {
      if (token.inlineValue) throw new UsageError(`${flag} takes no value`);
      switches.add(flag);
      continue;
    }
    const key = keys.find((k) => k.flag === flag);
    if (!key) throw new UsageError(`unknown option ${flag} for "${command.name}" (see --help)`);
    if (key.kind === "boolean") {
      raw.set(key.key, token.value === undefined ? true : parseBool(flag, token.value));
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith("--")))
      throw new UsageError(`${flag} needs a value`);
    if (key.kind === "list") {
      const prev = raw.get(key.key);
      raw.set(key.key, [...(Array.isArray(prev) ? prev : []), value]);
    } else raw.set(key.key, value);
  }
  if (command.positionals === "none" && positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}" for "${command.name}"`);
  if (command.positionals === "some" && positionals.length === 0)
    throw new UsageError(`"${command.name}" needs at least one argument: ${command.usage}`);

  return { command: command.name, config: resolveConfig(raw, env), switches, positionals };
}

function parseBool(name: string, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new UsageError(`${name} must be true or false, not "${value}"`);
}

/** Merges flags, environment and defaults (for every config key, not only the command's flags). */
export function resolveConfig(
  raw: Map<keyof Config, RawValue>,
  env: Record<string, string | undefined>,
): Config {
  const partial: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    let value: RawValue | undefined = raw.get(key.key);
    let source = key.flag;
    const fromEnv = env[key.env];
    if (value === undefined && fromEnv !== undefined && fromEnv !== "") {
      source = key.env;
      value =
        key.kind === "list"
          ? fromEnv
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : fromEnv;
      if (key.kind === "boolean") value = parseBool(key.env, fromEnv);
    }
    if (value === undefined) {
      partial[key.key] = key.default(partial as Partial<Config>);
      continue;
    }
    if (key.kind === "number") {
      const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isNaN(n)) throw new UsageError(`${source} must be a whole number, not "${String(value)}"`);
      partial[key.key] = n;
    } else partial[key.key] = value;
  }
  const result = v.safeParse(ConfigSchema, partial);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join(".") ?? "";
    const spec = CONFIG_KEYS.find((k) => k.key === path);
    throw new UsageError(`${spec ? spec.flag : path}: ${issue.message}`);
  }
  return normaliseConfig(result.output);
}
