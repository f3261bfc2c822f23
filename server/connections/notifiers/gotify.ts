import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { joinUrl } from "../../lib/urls.ts";
import { callOutbound } from "../outbound.ts";
import { isFailure, type Notifier } from "./notifier.ts";

/** Gotify: `POST /message` with the application token in X-Gotify-Key. */
export function gotifyNotifier(connection: StoredConnection): Notifier {
  return {
    async send(payload, signal) {
      await callOutbound({
        signal,
        target: connection.name,
        url: joinUrl(connection.settings.url, "message"),
        headers: { "x-gotify-key": connection.secret },
        body: {
          title: payload.title,
          message: payload.message,
          priority: isFailure(payload) ? 8 : 5,
          extras: { "aniworld::event": payload },
        },
      });
      return "Gotify accepted the message";
    },
  };
}
