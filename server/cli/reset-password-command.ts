import { openDatabase } from "../../db/connection.ts";
import { UserRepository } from "../../db/repositories/user-repository.ts";
import { systemClock } from "../auth/clock.ts";
import { SetupTokenService } from "../auth/setup-token-service.ts";
import type { Config } from "../config.ts";
import { readServerUrl } from "../http/server-url-file.ts";

/**
 * `aniworld reset-password`: for the admin who lost their password. Run on the server (it needs the data
 * directory, which is the proof of being the owner); prints a one-time token for the setup page, where
 * the admin chooses a new password. Using it ends every session. Safe while the server runs (WAL). The
 * setup page's address is the one the server of this data dir listens on (it notes it there), else the
 * configured one.
 */
export function runResetPassword(config: Config): number {
  const db = openDatabase(config.dataDir);
  try {
    if (!new UserRepository(db.db).admin()) {
      console.error(
        "aniworld: there is no admin account yet; start the server and use the setup token it prints",
      );
      return 1;
    }
    // API keys stay valid: scripts keep working, only the password (and the sessions) change.
    const { token, expiresAt } = new SetupTokenService(db.db, systemClock).issue("reset");
    const url = `${openable(readServerUrl(config.dataDir) ?? configuredUrl(config))}/setup`;
    console.log(`Password reset token: ${token}`);
    console.log(`Open ${url}, enter the token and choose a new password.`);
    console.log(
      `The token works once, until ${new Date(expiresAt).toISOString()}; using it ends every session.`,
    );
    return 0;
  } finally {
    db.close();
  }
}

function configuredUrl(config: Config): string {
  const host = config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.port}`;
}

/** A server bound to every interface is reachable on this machine at 127.0.0.1. */
function openable(url: string): string {
  return url.replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=[:/]|$)/, "$1127.0.0.1");
}
