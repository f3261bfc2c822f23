/**
 * A FlareSolverr stand-in on 127.0.0.1 speaking its v1 JSON API (sessions.create / sessions.destroy /
 * request.get; GET / answers the readiness banner). Its "browser" is the stand-in catalogue's solver:
 * it obtains a clearance from the catalogue's challenge gate, loads the page with it, and hands back the
 * page, the clearance cookie and its User-Agent — exactly what a real FlareSolverr returns.
 */
import {
  type ChallengeGate,
  CLEARANCE_COOKIE,
  SOLVER_BROWSER_HEADER,
  SOLVER_USER_AGENT,
} from "./challenge.ts";

export interface FlareSolverrServer {
  url: string;
  /** request.get calls answered. */
  solves: number;
  sessions: Set<string>;
  stop(): Promise<void>;
}

export function startFlareSolverrServer(gate: ChallengeGate): FlareSolverrServer {
  const sessions = new Set<string>();
  const state = { solves: 0 };
  const json = (body: unknown, status = 200) => Response.json(body, { status });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      if (request.method === "GET" && url.pathname === "/")
        return json({
          msg: "FlareSolverr is ready!",
          version: "3.4.0-standin",
          userAgent: SOLVER_USER_AGENT,
        });
      if (request.method !== "POST" || url.pathname !== "/v1")
        return json({ status: "error", message: "not found" }, 404);
      let body: { cmd?: string; url?: string; session?: string };
      try {
        body = (await request.json()) as typeof body;
      } catch {
        return json({ status: "error", message: "Request body is not JSON" }, 500);
      }
      if (body.cmd === "sessions.create") {
        const id = crypto.randomUUID();
        sessions.add(id);
        return json({ status: "ok", message: "Session created successfully.", session: id });
      }
      if (body.cmd === "sessions.destroy") {
        sessions.delete(body.session ?? "");
        return json({ status: "ok", message: "The session has been removed." });
      }
      if (body.cmd !== "request.get" || !body.url)
        return json({ status: "error", message: "Request parameter 'cmd' is invalid" }, 500);
      if (body.session && !sessions.has(body.session))
        return json({ status: "error", message: "This session does not exist." }, 500);
      const clearance = gate.issue(SOLVER_USER_AGENT);
      const target = new URL(body.url);
      const page = await fetch(target, {
        headers: {
          "User-Agent": SOLVER_USER_AGENT,
          Cookie: `${CLEARANCE_COOKIE}=${clearance}`,
          [SOLVER_BROWSER_HEADER]: "1",
        },
        redirect: "follow",
      });
      const text = await page.text();
      state.solves++;
      // A browser shows JSON inside <pre>, and FlareSolverr returns what the browser shows.
      const shown = (page.headers.get("content-type") ?? "").includes("json")
        ? `<html><head></head><body><pre>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre></body></html>`
        : text;
      return json({
        status: "ok",
        message: "Challenge solved!",
        solution: {
          url: page.url,
          status: page.status,
          headers: {},
          response: shown,
          cookies: [
            {
              name: CLEARANCE_COOKIE,
              value: clearance,
              domain: target.hostname,
              path: "/",
              expires: Date.now() / 1000 + 3600,
            },
          ],
          userAgent: SOLVER_USER_AGENT,
        },
        startTimestamp: Date.now(),
        endTimestamp: Date.now(),
        version: "3.4.0-standin",
      });
    },
  });
  return {
    url: server.url.toString().replace(/\/$/, ""),
    get solves() {
      return state.solves;
    },
    sessions,
    async stop() {
      await server.stop(true);
    },
  };
}
