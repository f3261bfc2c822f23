import { readBodyLimited } from "../providers/http/read-body.ts";
import { ProviderError } from "../providers/provider-error.ts";

export interface OutboundRequest {
  /** The connection's name, used in errors. */
  target: string;
  url: string | URL;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Sent as JSON (content-type set) unless a string, which is sent as it is. */
  body?: unknown;
  timeoutMs?: number;
  /** Aborts the request early (shutdown). */
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  text: string;
  json(): unknown;
}

/** Receivers answer with small bodies; anything bigger is not what we asked for. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * One request to a configured connection (its URL came from the admin, so private addresses are allowed).
 * Non-2xx answers and network failures become ProviderError: 408/429/5xx/network are retryable, other
 * statuses are not (a wrong token stays wrong).
 */
export async function callOutbound(req: OutboundRequest): Promise<OutboundResponse> {
  const headers: Record<string, string> = { "user-agent": "Aniworld", ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    if (typeof req.body === "string") body = req.body;
    else {
      body = JSON.stringify(req.body);
      headers["content-type"] ??= "application/json";
    }
  }
  let response: Response;
  try {
    response = await fetch(req.url, {
      method: req.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: "manual",
      signal: AbortSignal.any([
        AbortSignal.timeout(req.timeoutMs ?? 10_000),
        ...(req.signal ? [req.signal] : []),
      ]),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "is unreachable";
    throw new ProviderError(req.target, null, `${req.target} ${reason}`, { cause: error, retryable: true });
  }
  const bytes = await readBodyLimited(response, MAX_BYTES, req.target);
  const text = new TextDecoder().decode(bytes);
  if (response.status < 200 || response.status >= 300)
    throw new ProviderError(req.target, response.status, `${req.target} answered ${statusText(response)}`);
  return {
    status: response.status,
    text,
    json() {
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        throw new ProviderError(req.target, response.status, `${req.target} sent invalid JSON`, {
          cause,
          retryable: false,
        });
      }
    },
  };
}

function statusText(response: Response): string {
  if (response.status === 401 || response.status === 403)
    return `${response.status} (check the API key or token)`;
  if (response.status >= 300 && response.status < 400)
    return `${response.status} (a redirect: check the URL)`;
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

/** The HTTP basic authorization header value (Kodi, ntfy with a user). */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
