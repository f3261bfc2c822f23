import { join } from "node:path";
import type { NetworkConfig } from "./outbound.ts";

/** The parts of configuration and settings the outbound layer depends on. */
export interface NetworkSources {
  dataDir: string | null;
  catalogUrl: string;
  tmdbUrl: string;
  tmdbImageUrl: string;
  allowPrivateHosts: boolean;
  /** From the command line / environment. */
  flaresolverrUrl: string;
  proxyUrl: string;
}

/** The network sources of the runtime configuration. */
export function networkSourcesOf(config: NetworkSources & { dataDir: string }): NetworkSources {
  return {
    dataDir: config.dataDir,
    catalogUrl: config.catalogUrl,
    tmdbUrl: config.tmdbUrl,
    tmdbImageUrl: config.tmdbImageUrl,
    allowPrivateHosts: config.allowPrivateHosts,
    flaresolverrUrl: config.flaresolverrUrl,
    proxyUrl: config.proxyUrl,
  };
}

/** Settings (Settings → Connections) win over the command line when they are set. */
export function networkConfig(
  sources: NetworkSources,
  settings: { flaresolverrUrl: string; proxyUrl: string },
): NetworkConfig {
  const flaresolverrUrl = settings.flaresolverrUrl || sources.flaresolverrUrl;
  const proxyUrl = settings.proxyUrl || sources.proxyUrl;
  return {
    allowPrivateHosts: sources.allowPrivateHosts,
    proxyUrl,
    flaresolverrUrl,
    cookieFile: sources.dataDir ? join(sources.dataDir, "cookies.json") : null,
    trustedOrigins: [
      sources.catalogUrl,
      sources.tmdbUrl,
      sources.tmdbImageUrl,
      flaresolverrUrl,
      proxyUrl,
    ].filter((u) => u !== ""),
  };
}

export const NETWORK_SETTING_KEYS = ["flaresolverrUrl", "proxyUrl"] as const;
