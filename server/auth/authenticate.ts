import type { Principal, RequestInfo } from "../trpc/context.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import type { ApiKeyService } from "./api-key-service.ts";
import { isSecureRequest, readSessionToken, sessionCookie } from "./session-cookie.ts";
import type { SessionService } from "./session-service.ts";

/** Tokens and keys are base32 / `aw_` + base32; anything longer or stranger is not worth a lookup. */
const PLAUSIBLE = /^[a-z0-9_]{16,80}$/;

/**
 * Who is calling: `Authorization: Bearer <api key>`, else WebSocket `connectionParams.apiKey` (or `.token`),
 * else the session cookie (sent on the WebSocket upgrade request too). A session extended by this request
 * gets its cookie re-sent on HTTP responses.
 */
export function createAuthenticate(deps: {
  sessions: SessionService;
  apiKeys: ApiKeyService;
  trustProxy: boolean;
}): Authenticate {
  return async (request: RequestInfo): Promise<Principal | null> => {
    const key = bearerKey(request);
    if (key !== null) {
      const owner = PLAUSIBLE.test(key) ? deps.apiKeys.authenticate(key) : null;
      // A wrong key is an anonymous caller: no fallback to a cookie that may ride along.
      return owner
        ? { userId: owner.userId, username: owner.username, via: "apiKey", apiKeyId: owner.apiKeyId }
        : null;
    }
    const token = readSessionToken(request.headers);
    if (token === null || !PLAUSIBLE.test(token)) return null;
    const session = deps.sessions.validate(token);
    if (!session) return null;
    if (session.refreshed && request.resHeaders) {
      const secure = isSecureRequest(request.url, request.headers, deps.trustProxy);
      request.resHeaders.append("set-cookie", sessionCookie(token, session.expiresAt, secure));
    }
    return { userId: session.userId, username: session.username, via: "session", sessionId: session.id };
  };
}

function bearerKey(request: RequestInfo): string | null {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? "";
  }
  const params = request.connectionParams;
  return params?.apiKey ?? params?.token ?? null;
}
