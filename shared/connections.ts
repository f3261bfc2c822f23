import * as v from "valibot";
import { CHECK_STATUSES } from "./diagnostics.ts";

/**
 * Connections: media servers told to refresh when files change, and notification targets told about
 * domain events. Typed here so the server, the web app and the docs agree.
 */
export const MEDIA_SERVER_KINDS = ["jellyfin", "emby", "plex", "kodi"] as const;
export const NOTIFIER_KINDS = ["webhook", "ntfy", "gotify", "discord"] as const;
export const CONNECTION_KINDS = [...MEDIA_SERVER_KINDS, ...NOTIFIER_KINDS] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
export type MediaServerKind = (typeof MEDIA_SERVER_KINDS)[number];
export type NotifierKind = (typeof NOTIFIER_KINDS)[number];

export function isMediaServer(kind: ConnectionKind): kind is MediaServerKind {
  return (MEDIA_SERVER_KINDS as readonly string[]).includes(kind);
}

/** What a notification can be about; each notifier chooses its own. The `event` field of the payload. */
export const NOTIFICATION_EVENTS = [
  "series.added",
  "loading.failed",
  "episode.downloaded",
  "download.failed",
  "episodes.found",
  "health.problem",
  "health.resolved",
] as const;
export type NotificationEventName = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_EVENT_LABELS: Record<NotificationEventName, string> = {
  "series.added": "Series added",
  "loading.failed": "Loading failed",
  "episode.downloaded": "Episode downloaded",
  "download.failed": "Download failed",
  "episodes.found": "New episodes found (monitored series)",
  "health.problem": "Health problem appeared",
  "health.resolved": "Health problem resolved",
};

const HttpUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.url("must be a URL"),
  v.regex(/^https?:\/\//i, "must start with http:// or https://"),
  v.maxLength(2000),
);

/** The library as Aniworld sees it (`from`) and as the media server sees it (`to`), both absolute. */
export const PathMappingSchema = v.object({
  from: v.pipe(v.string(), v.trim(), v.minLength(1, "the Aniworld path is empty"), v.maxLength(1000)),
  to: v.pipe(v.string(), v.trim(), v.minLength(1, "the media server path is empty"), v.maxLength(1000)),
});
export type PathMapping = v.InferOutput<typeof PathMappingSchema>;

const fields = {
  name: v.pipe(v.string(), v.trim(), v.minLength(1, "give the connection a name"), v.maxLength(80)),
  kind: v.picklist(CONNECTION_KINDS, "unknown connection kind"),
  enabled: v.optional(v.boolean(), true),
  /** Server or receiver URL. Discord: unused (its webhook URL is the secret). */
  url: v.optional(v.union([v.literal(""), HttpUrlSchema]), ""),
  /** Kodi: the JSON-RPC user name; ntfy: a user for basic auth (with the secret as password). */
  username: v.optional(v.pipe(v.string(), v.maxLength(200)), ""),
  /** ntfy: the topic. */
  topic: v.optional(v.pipe(v.string(), v.regex(/^[-\w]{0,64}$/, "letters, digits, - and _ only")), ""),
  events: v.optional(v.array(v.picklist(NOTIFICATION_EVENTS)), [...NOTIFICATION_EVENTS]),
  pathMappings: v.optional(v.pipe(v.array(PathMappingSchema), v.maxLength(20)), []),
};

/**
 * The secret (API key, token, password; Discord: the webhook URL). Write-only: absent = keep the saved
 * one, "" = remove it. The API never returns it.
 */
const SecretSchema = v.optional(v.pipe(v.string(), v.maxLength(2000)));

function requiredFieldsOk(c: { kind: ConnectionKind; url: string; topic: string }): boolean {
  if (c.kind === "discord") return true;
  if (c.url === "") return false;
  return c.kind !== "ntfy" || c.topic !== "";
}
const REQUIRED_MESSAGE = "a URL is required (and a topic for ntfy)";

export const ConnectionCreateSchema = v.pipe(
  v.object({ ...fields, secret: SecretSchema }),
  v.check((c) => requiredFieldsOk(c), REQUIRED_MESSAGE),
);
export type ConnectionCreate = v.InferInput<typeof ConnectionCreateSchema>;

export const ConnectionUpdateSchema = v.pipe(
  v.object({ id: v.pipe(v.number(), v.integer()), ...fields, secret: SecretSchema }),
  v.check((c) => requiredFieldsOk(c), REQUIRED_MESSAGE),
);
export type ConnectionUpdate = v.InferInput<typeof ConnectionUpdateSchema>;

export const ConnectionIdSchema = v.object({ id: v.pipe(v.number(), v.integer()) });

/** The stored, non-secret part of a connection (a JSON column). */
export const ConnectionSettingsSchema = v.object({
  url: fields.url,
  username: fields.username,
  topic: fields.topic,
  events: fields.events,
  pathMappings: fields.pathMappings,
});
export type ConnectionSettings = v.InferOutput<typeof ConnectionSettingsSchema>;

/** The outcome of the last delivery or test of a connection. */
export interface DeliveryResult {
  ok: boolean;
  at: number;
  /** What was delivered: a notification event, "refresh" or "test". */
  what: string;
  message: string;
  /** Attempts made (retries included). */
  attempts: number;
}

/** A connection as the API returns it: never the secret, only whether one is saved. */
export interface ConnectionView extends ConnectionSettings {
  id: number;
  name: string;
  kind: ConnectionKind;
  enabled: boolean;
  secretSet: boolean;
  lastResult: DeliveryResult | null;
}

const NullableText = v.nullable(v.string());

/**
 * The JSON a generic webhook receives (schema version 1). Fields that do not apply are null; new fields
 * may be added, existing ones keep their meaning. A schema, not only a type: a stored delivery is read back
 * through it after a restart.
 */
export const NotificationPayloadSchema = v.object({
  schema: v.literal(1),
  event: v.picklist([...NOTIFICATION_EVENTS, "test"]),
  /** ISO 8601 time the event happened. */
  at: v.string(),
  title: v.string(),
  message: v.string(),
  series: v.nullable(v.object({ id: v.number(), title: v.string(), folder: v.string() })),
  episode: v.nullable(v.object({ id: v.number(), season: v.number(), number: v.number(), path: v.string() })),
  /** Failures: what went wrong, in words. */
  error: NullableText,
  /** episodes.found: how many episodes the catalogue added. */
  count: v.nullable(v.number()),
  /** health.problem / health.resolved: the check (System → Health) and its change of status. */
  check: v.nullable(
    v.object({
      id: v.string(),
      label: v.string(),
      from: v.picklist(CHECK_STATUSES),
      to: v.picklist(CHECK_STATUSES),
      detail: v.string(),
      advice: NullableText,
    }),
  ),
});
export type NotificationPayload = v.InferOutput<typeof NotificationPayloadSchema>;
