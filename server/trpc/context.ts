import type { Services } from "./services.ts";

/** Who is calling: filled by the auth layer; null for anonymous callers. */
export interface Principal {
  userId: number;
  username: string;
  /** "session" for browser cookies, "apiKey" for Authorization: Bearer / connectionParams keys. */
  via: "session" | "apiKey";
  sessionId?: string;
  apiKeyId?: number;
}

/** Transport-neutral request facts, the same for HTTP and WebSocket calls. */
export interface RequestInfo {
  transport: "http" | "ws";
  headers: Headers;
  ip: string;
  url: URL;
  connectionParams: Record<string, string> | null;
  /** Response headers a procedure may set (cookies); only for HTTP. */
  resHeaders: Headers | null;
}

export interface Context {
  services: Services;
  request: RequestInfo;
  principal: Principal | null;
}

/** The request facts of an HTTP request; `resHeaders` collects the headers a procedure sets (null: none). */
export function httpRequestInfo(req: Request, ip: string, resHeaders: Headers | null): RequestInfo {
  return {
    transport: "http",
    headers: req.headers,
    ip,
    url: new URL(req.url),
    connectionParams: null,
    resHeaders,
  };
}
