import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import type { NotificationPayload } from "../../../shared/connections.ts";

/** A notification target; `send` resolves with a short summary of what the receiver accepted. */
export interface Notifier {
  send(payload: NotificationPayload, signal?: AbortSignal): Promise<string>;
}

export type NotifierFactory = (connection: StoredConnection) => Notifier;

const FAILURES: ReadonlySet<NotificationPayload["event"]> = new Set(["loading.failed", "download.failed"]);

/** Failures are shown louder (colour, priority, tags) by every notifier that can. */
export function isFailure(payload: NotificationPayload): boolean {
  return FAILURES.has(payload.event);
}
