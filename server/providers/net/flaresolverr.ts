import * as v from "valibot";
import { readBodyLimited } from "../http/read-body.ts";

/**
 * A client for FlareSolverr's v1 JSON API (what Prowlarr and Jackett use): a real browser that solves
 * DDoS-Guard / Cloudflare challenges and hands back the page, its cookies and its User-Agent. One session
 * is kept so the browser's clearance carries over between solves.
 */
const CookieSchema = v.object({
  name: v.string(),
  value: v.string(),
  domain: v.optional(v.string(), ""),
  expires: v.optional(v.nullable(v.number()), null),
});

const AnswerSchema = v.object({
  status: v.string(),
  message: v.optional(v.string(), ""),
  session: v.optional(v.string()),
  version: v.optional(v.string()),
  solution: v.optional(
    v.object({
      url: v.string(),
      status: v.number(),
      response: v.optional(v.string(), ""),
      cookies: v.optional(v.array(CookieSchema), []),
      userAgent: v.optional(v.string(), ""),
    }),
  ),
});

export interface Solution {
  url: string;
  status: number;
  body: string;
  cookies: { name: string; value: string; domain: string; expires: number | null }[];
  userAgent: string;
}

export class FlareSolverrError extends Error {
  override readonly name = "FlareSolverrError";
}

const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export class FlareSolverr {
  private session: Promise<string> | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 60_000,
  ) {}

  /** GET through FlareSolverr's browser. */
  async solve(url: string, signal?: AbortSignal): Promise<Solution> {
    for (let fresh = 0; fresh < 2; fresh++) {
      const session = await this.sessionId(signal);
      const answer = await this.call(
        { cmd: "request.get", url, session, maxTimeout: this.timeoutMs },
        signal,
      ).catch((error: unknown) => {
        this.session = null;
        throw error;
      });
      if (answer.status === "ok" && answer.solution) {
        const s = answer.solution;
        return {
          url: s.url,
          status: s.status,
          body: s.response,
          userAgent: s.userAgent,
          cookies: s.cookies.map((c) => ({
            name: c.name,
            value: c.value,
            domain: c.domain.replace(/^\./, ""),
            expires: c.expires !== null && c.expires > 0 ? Math.round(c.expires * 1000) : null,
          })),
        };
      }
      // A session FlareSolverr forgot (restart, expiry): make a new one once.
      this.session = null;
      if (!/session/i.test(answer.message) || fresh > 0)
        throw new FlareSolverrError(
          `FlareSolverr could not solve the challenge: ${answer.message || answer.status}`,
        );
    }
    throw new FlareSolverrError("FlareSolverr could not solve the challenge");
  }

  /** Is FlareSolverr there, and which version. */
  async ping(signal?: AbortSignal): Promise<string> {
    const res = await fetch(new URL("/", this.baseUrl), {
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000),
    }).catch((cause: unknown) => {
      throw new FlareSolverrError(`FlareSolverr at ${this.baseUrl} is not reachable`, { cause });
    });
    const text = new TextDecoder().decode(
      await readBodyLimited(res, 64 * 1024, "flaresolverr").catch(() => new Uint8Array(0)),
    );
    const version = /"version"\s*:\s*"([^"]{1,40})"/.exec(text)?.[1];
    if (!res.ok || !/FlareSolverr/i.test(text))
      throw new FlareSolverrError(`${this.baseUrl} does not answer like FlareSolverr (HTTP ${res.status})`);
    return version ?? "unknown";
  }

  async close(): Promise<void> {
    const session = await this.session?.catch(() => null);
    this.session = null;
    if (session) await this.call({ cmd: "sessions.destroy", session }).catch(() => {});
  }

  private sessionId(signal?: AbortSignal): Promise<string> {
    this.session ??= this.call({ cmd: "sessions.create" }, signal).then((a) => {
      if (a.status !== "ok" || !a.session)
        throw new FlareSolverrError(`FlareSolverr did not open a session: ${a.message || a.status}`);
      return a.session;
    });
    const pending = this.session;
    pending.catch(() => {
      if (this.session === pending) this.session = null;
    });
    return pending;
  }

  private async call(
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<v.InferOutput<typeof AnswerSchema>> {
    const timeout = AbortSignal.timeout(this.timeoutMs + 10_000);
    let res: Response;
    try {
      res = await fetch(new URL("/v1", this.baseUrl), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new FlareSolverrError(`FlareSolverr at ${this.baseUrl} is not reachable`, { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(
        new TextDecoder().decode(await readBodyLimited(res, MAX_ANSWER_BYTES, "flaresolverr")),
      );
    } catch (cause) {
      throw new FlareSolverrError(`FlareSolverr answered HTTP ${res.status} without JSON`, { cause });
    }
    const parsed = v.safeParse(AnswerSchema, json);
    if (!parsed.success) throw new FlareSolverrError("FlareSolverr's answer has an unexpected shape");
    return parsed.output;
  }
}
