import type { StoredConnection } from "../../db/repositories/connection-repository.ts";
import { isMediaServer, type MediaServerKind, type NotifierKind } from "../../shared/connections.ts";
import { jellyfinServer } from "./media-servers/jellyfin.ts";
import { kodiServer } from "./media-servers/kodi.ts";
import type { MediaServer, MediaServerFactory } from "./media-servers/media-server.ts";
import { plexServer } from "./media-servers/plex.ts";
import { discordNotifier } from "./notifiers/discord.ts";
import { gotifyNotifier } from "./notifiers/gotify.ts";
import type { Notifier, NotifierFactory } from "./notifiers/notifier.ts";
import { ntfyNotifier } from "./notifiers/ntfy.ts";
import { webhookNotifier } from "./notifiers/webhook.ts";

const MEDIA_SERVERS: Record<MediaServerKind, MediaServerFactory> = {
  jellyfin: jellyfinServer,
  emby: jellyfinServer,
  plex: plexServer,
  kodi: kodiServer,
};

const NOTIFIERS: Record<NotifierKind, NotifierFactory> = {
  webhook: webhookNotifier,
  ntfy: ntfyNotifier,
  gotify: gotifyNotifier,
  discord: discordNotifier,
};

export type ConnectionTarget =
  | { type: "media"; client: MediaServer }
  | { type: "notifier"; client: Notifier };

/** The client for a stored connection: a media server or a notifier, by its kind. */
export function clientFor(connection: StoredConnection): ConnectionTarget {
  const kind = connection.kind;
  if (isMediaServer(kind)) return { type: "media", client: MEDIA_SERVERS[kind](connection) };
  return { type: "notifier", client: NOTIFIERS[kind](connection) };
}
