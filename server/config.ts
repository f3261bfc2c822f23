import { resolve } from "node:path";
import * as v from "valibot";

/** Runtime configuration: from flags, then ANIWORLD_* environment variables, then defaults. */
export const ConfigSchema = v.object({
  host: v.pipe(v.string(), v.nonEmpty("must not be empty")),
  port: v.pipe(
    v.number("must be a number"),
    v.integer("must be a whole number"),
    v.minValue(0),
    v.maxValue(65535),
  ),
  dataDir: v.pipe(v.string(), v.nonEmpty("must not be empty")),
  library: v.pipe(v.string(), v.nonEmpty("must not be empty")),
  logLevel: v.picklist(["debug", "info", "warn", "error"], "must be one of debug, info, warn, error"),
  catalogUrl: v.pipe(v.string(), v.url("must be a URL")),
  tmdbUrl: v.pipe(v.string(), v.url("must be a URL")),
  tmdbImageUrl: v.pipe(v.string(), v.url("must be a URL")),
  /** Extra origins allowed to make state-changing requests (besides the app's own). */
  allowedOrigins: v.array(v.pipe(v.string(), v.url())),
  /** Trust X-Forwarded-Proto / X-Forwarded-For from a reverse proxy. */
  trustProxy: v.boolean(),
  /** Let fetched URLs (hosters, redirects, media) lead to loopback / private addresses. */
  allowPrivateHosts: v.boolean(),
  /** FlareSolverr base URL ("" = none); the setting of the same name wins when set. */
  flaresolverrUrl: v.union([v.literal(""), v.pipe(v.string(), v.url("must be a URL"))]),
  /** Hoster origins the connection check tries (empty = the hoster domains the site links to today). */
  hosterUrls: v.array(v.pipe(v.string(), v.url())),
  /** Outbound proxy for provider traffic ("" = direct); the setting of the same name wins when set. */
  proxyUrl: v.union([
    v.literal(""),
    v.pipe(
      v.string(),
      v.regex(/^(https?|socks5h?):\/\/\S+$/i, "must be an http://, https:// or socks5:// proxy URL"),
    ),
  ]),
});
export type Config = v.InferOutput<typeof ConfigSchema>;

export interface ConfigKey {
  key: keyof Config;
  flag: string;
  env: string;
  kind: "string" | "number" | "boolean" | "list";
  help: string;
  default: (partial: Partial<Config>) => Config[keyof Config];
}

export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    key: "host",
    flag: "--host",
    env: "ANIWORLD_HOST",
    kind: "string",
    help: "address to bind (0.0.0.0 for all interfaces)",
    default: () => "127.0.0.1",
  },
  {
    key: "port",
    flag: "--port",
    env: "ANIWORLD_PORT",
    kind: "number",
    help: "port for HTTP and WebSocket (0 = any free port)",
    default: () => 8000,
  },
  {
    key: "dataDir",
    flag: "--data-dir",
    env: "ANIWORLD_DATA_DIR",
    kind: "string",
    help: "where the database lives (created if absent)",
    default: () => "./data",
  },
  {
    key: "library",
    flag: "--library",
    env: "ANIWORLD_LIBRARY",
    kind: "string",
    help: "library root: one folder per series",
    default: (p) => `${p.dataDir ?? "./data"}/library`,
  },
  {
    key: "logLevel",
    flag: "--log-level",
    env: "ANIWORLD_LOG_LEVEL",
    kind: "string",
    help: "debug, info, warn or error",
    default: () => "info",
  },
  {
    key: "catalogUrl",
    flag: "--catalog-url",
    env: "ANIWORLD_CATALOG_URL",
    kind: "string",
    help: "catalogue base URL",
    default: () => "https://aniworld.to",
  },
  {
    key: "tmdbUrl",
    flag: "--tmdb-url",
    env: "ANIWORLD_TMDB_URL",
    kind: "string",
    help: "TMDB API base URL",
    default: () => "https://api.themoviedb.org/3",
  },
  {
    key: "tmdbImageUrl",
    flag: "--tmdb-image-url",
    env: "ANIWORLD_TMDB_IMAGE_URL",
    kind: "string",
    help: "TMDB image base URL",
    default: () => "https://image.tmdb.org/t/p",
  },
  {
    key: "allowedOrigins",
    flag: "--allowed-origin",
    env: "ANIWORLD_ALLOWED_ORIGINS",
    kind: "list",
    help: "extra origin allowed to call the API (repeatable; env: comma separated)",
    default: () => [],
  },
  {
    key: "trustProxy",
    flag: "--trust-proxy",
    env: "ANIWORLD_TRUST_PROXY",
    kind: "boolean",
    help: "trust X-Forwarded-* headers from a reverse proxy",
    default: () => false,
  },
  {
    key: "allowPrivateHosts",
    flag: "--allow-private-hosts",
    env: "ANIWORLD_ALLOW_PRIVATE_HOSTS",
    kind: "boolean",
    help: "allow hoster pages, redirects and media on loopback/private addresses (off: refused)",
    default: () => false,
  },
  {
    key: "flaresolverrUrl",
    flag: "--flaresolverr-url",
    env: "ANIWORLD_FLARESOLVERR_URL",
    kind: "string",
    help: "FlareSolverr URL used when the catalogue or a hoster answers with a challenge",
    default: () => "",
  },
  {
    key: "hosterUrls",
    flag: "--hoster-url",
    env: "ANIWORLD_HOSTER_URLS",
    kind: "list",
    help: "hoster origin the connection check tries (repeatable; default: the hosters the site uses)",
    default: () => [],
  },
  {
    key: "proxyUrl",
    flag: "--proxy-url",
    env: "ANIWORLD_PROXY_URL",
    kind: "string",
    help: "http://, https:// or socks5:// proxy for all catalogue, TMDB and hoster traffic",
    default: () => "",
  },
];

/** Makes directory settings absolute so later chdir or worker threads see the same paths. */
export function normaliseConfig(config: Config): Config {
  return { ...config, dataDir: resolve(config.dataDir), library: resolve(config.library) };
}
