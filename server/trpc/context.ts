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
