import type { StoredConnection } from "../../../db/repositories/connection-repository.ts";
import { joinUrl } from "../../lib/urls.ts";
import { basicAuth, callOutbound } from "../outbound.ts";
import { isFailure, type Notifier } from "./notifier.ts";

/** ntfy: the message as the body of `POST /<topic>`, title and tags as headers; a token or user/password. */
export function ntfyNotifier(connection: StoredConnection): Notifier {
  const { url, topic, username } = connection.settings;
  const auth: Record<string, string> = !connection.secret
    ? {}
    : username
      ? { authorization: basicAuth(username, connection.secret) }
      : { authorization: `Bearer ${connection.secret}` };
  return {
    async send(payload, signal) {
      const failure = isFailure(payload);
      await callOutbound({
        signal,
        target: connection.name,
        url: joinUrl(url, encodeURIComponent(topic)),
        headers: {
          ...auth,
          // Header values must be Latin-1; ntfy decodes RFC 2047 encoded words.
          title: `=?UTF-8?B?${Buffer.from(payload.title).toString("base64")}?=`,
          tags: failure ? "warning" : "tv",
          priority: failure ? "high" : "default",
          "content-type": "text/plain; charset=utf-8",
        },
        body: payload.message,
      });
      return `ntfy accepted the message on topic ${topic}`;
    },
  };
}
