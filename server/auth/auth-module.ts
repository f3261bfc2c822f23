import type { Db } from "../../db/connection.ts";
import type { Config } from "../config.ts";
import type { SocketRegistry } from "../http/socket-registry.ts";
import type { Logger } from "../logger.ts";
import type { Authenticate } from "../trpc/create-context.ts";
import { ApiKeyService } from "./api-key-service.ts";
import { AuthService } from "./auth-service.ts";
import { createAuthenticate } from "./authenticate.ts";
import type { Clock } from "./clock.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { SessionService } from "./session-service.ts";
import { SetupTokenService } from "./setup-token-service.ts";

/** WebSocket close code for "your credentials ended" (4000–4999 are for applications). */
export const CREDENTIALS_ENDED_CLOSE_CODE = 4401;
const SWEEP_INTERVAL_MS = 60_000;

export interface AuthModule {
  services: { auth: AuthService; sessions: SessionService; apiKeys: ApiKeyService };
  authenticate: Authenticate;
  /** Closes a principal's sockets when its session ends or its API key is revoked. */
  attachSockets(sockets: SocketRegistry): void;
  /** Logs the one-time setup token when there is no admin yet. */
  announceSetup(baseUrl: string): void;
  stop(): void;
}

/** Builds the account services and their wiring; used by the composition root only. */
export function createAuthModule(deps: { db: Db; clock: Clock; config: Config; logger: Logger }): AuthModule {
  const sessions = new SessionService(deps.db, deps.clock);
  const apiKeys = new ApiKeyService(deps.db, deps.clock);
  const setupTokens = new SetupTokenService(deps.db, deps.clock);
  const auth = new AuthService(
    deps.db,
    deps.clock,
    sessions,
    setupTokens,
    new LoginThrottle(deps.db, deps.clock),
  );
  // Expired sessions are deleted every minute, which also closes sockets that were opened with them.
  const sweeper = setInterval(() => {
    try {
      sessions.sweepExpired();
    } catch (error) {
      deps.logger.warn("could not sweep expired sessions", { error });
    }
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    services: { auth, sessions, apiKeys },
    authenticate: createAuthenticate({ sessions, apiKeys, trustProxy: deps.config.trustProxy }),
    attachSockets(sockets) {
      sessions.onSessionsEnded((ids) => {
        const ended = new Set(ids);
        const n = sockets.closeWhere(CREDENTIALS_ENDED_CLOSE_CODE, "session ended", (s) =>
          ended.has(s.principal?.sessionId ?? ""),
        );
        if (n) deps.logger.info("closed sockets of ended sessions", { sockets: n });
      });
      apiKeys.onRevoked((id) => {
        const n = sockets.closeWhere(
          CREDENTIALS_ENDED_CLOSE_CODE,
          "API key revoked",
          (s) => s.principal?.apiKeyId === id,
        );
        if (n) deps.logger.info("closed sockets of a revoked API key", { sockets: n });
      });
    },
    announceSetup(baseUrl) {
      const setup = auth.prepareSetup();
      if (!setup) return;
      deps.logger.warn("no admin account yet: open the setup page and enter this token", {
        setupUrl: `${baseUrl}/setup`,
        setupToken: setup.token,
      });
    },
    stop() {
      clearInterval(sweeper);
    },
  };
}
