import type { CommandSpec } from "./args.ts";

const SERVER_KEYS = [
  "host",
  "port",
  "dataDir",
  "library",
  "logLevel",
  "catalogUrl",
  "tmdbUrl",
  "tmdbImageUrl",
  "allowedOrigins",
  "trustProxy",
  "allowPrivateHosts",
  "flaresolverrUrl",
  "proxyUrl",
  "hosterUrls",
] as const;

/** Every command of the `aniworld` program. Flags are the config keys each command accepts. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "serve",
    summary: "run the web app (the default command)",
    usage: "aniworld [serve] [options]",
    configKeys: SERVER_KEYS,
    switches: [],
    positionals: "none",
  },
  {
    name: "reset-password",
    summary: "print a one-time token to set a new admin password",
    usage: "aniworld reset-password [--data-dir DIR]",
    configKeys: ["dataDir", "host", "port"],
    switches: [],
    positionals: "none",
  },
  {
    name: "scan",
    summary: "list the series folders and episodes in the library (read-only)",
    usage: "aniworld scan [--library DIR] [--json]",
    configKeys: ["library", "dataDir"],
    switches: [{ flag: "--json", help: "one JSON object per series folder" }],
    positionals: "none",
  },
  {
    name: "backup",
    summary: "write a database backup into <data-dir>/backups (safe while the server runs)",
    usage: "aniworld backup [--data-dir DIR]",
    configKeys: ["dataDir"],
    switches: [],
    positionals: "none",
  },
  {
    name: "restore",
    summary: "replace the database with a backup (the server must be stopped)",
    usage: "aniworld restore FILE [--data-dir DIR]",
    configKeys: ["dataDir"],
    switches: [],
    positionals: "some",
  },
  {
    name: "healthcheck",
    summary: "exit 0 when the server at --host/--port answers /healthz (for containers)",
    usage: "aniworld healthcheck [--host H] [--port N]",
    configKeys: ["host", "port"],
    switches: [],
    positionals: "none",
  },
  {
    name: "doctor",
    summary: "check the way to the catalogue, FlareSolverr, TMDB and the hosters, and say what to fix",
    usage: "aniworld doctor [--data-dir DIR] [--json]",
    configKeys: [
      "dataDir",
      "library",
      "catalogUrl",
      "tmdbUrl",
      "tmdbImageUrl",
      "allowPrivateHosts",
      "flaresolverrUrl",
      "proxyUrl",
      "hosterUrls",
    ],
    switches: [{ flag: "--json", help: "one JSON object per check" }],
    positionals: "none",
  },
  {
    name: "parse",
    summary: "show how episode file names are understood",
    usage: "aniworld parse NAME... [--json]",
    configKeys: [],
    switches: [{ flag: "--json", help: "one JSON object per name" }],
    positionals: "some",
  },
];

export const DEFAULT_COMMAND = "serve";
