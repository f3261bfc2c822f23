import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import type { NotificationPayload } from "../../../shared/connections.ts";

/** A notification target; `send` resolves with a short summary of what the receiver accepted. */
export interface Notifier {
  send(payload: NotificationPayload, signal?: AbortSignal): Promise<string>;
}

export type NotifierFactory = (connection: StoredConnection) => Notifier;
