import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { callOutbound } from "../outbound.ts";
import type { Notifier } from "./notifier.ts";

/**
 * The generic webhook: the NotificationPayload as JSON. With a secret, the body is signed
 * (`X-Aniworld-Signature: sha256=<hex HMAC of the body>`) so the receiver can tell it came from us.
 */
export function webhookNotifier(connection: StoredConnection): Notifier {
  return {
    async send(payload, signal) {
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-aniworld-event": payload.event,
      };
      if (connection.secret)
        headers["x-aniworld-signature"] =
          // Bun's hasher, not node:crypto: that module costs every start several milliseconds to load.
          `sha256=${new Bun.CryptoHasher("sha256", connection.secret).update(body).digest("hex")}`;
      const res = await callOutbound({
        signal,
        target: connection.name,
        url: connection.settings.url,
        headers,
        body,
      });
      return `the webhook answered ${res.status}`;
    },
  };
}
