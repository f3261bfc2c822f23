import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { ProviderError } from "../../providers/provider-error.ts";
import { callOutbound } from "../outbound.ts";
import { isFailure, type Notifier } from "./notifier.ts";

/**
 * Discord: an embed posted to the channel's webhook URL. The whole URL carries the token, so it is the
 * connection's secret. Mentions are switched off: catalogue text must never ping anyone.
 */
export function discordNotifier(connection: StoredConnection): Notifier {
  return {
    async send(payload, signal) {
      if (!/^https?:\/\//i.test(connection.secret))
        throw new ProviderError(connection.name, null, "the Discord webhook URL is missing", {
          retryable: false,
        });
      await callOutbound({
        signal,
        target: connection.name,
        url: connection.secret,
        body: {
          username: "Aniworld",
          allowed_mentions: { parse: [] },
          embeds: [
            {
              title: payload.title.slice(0, 256),
              description: payload.message.slice(0, 4000),
              color: isFailure(payload) ? 0xd9534f : 0x3b82f6,
              timestamp: payload.at,
              footer: { text: payload.event },
            },
          ],
        },
      });
      return "Discord accepted the message";
    },
  };
}
