import type { Db } from "../../db/connection.ts";
import { UserRepository } from "../../db/repositories/user-repository.ts";
import { AppError } from "../../shared/errors.ts";
import type { Clock } from "./clock.ts";
import { type LoginThrottle, SETUP_ATTEMPTS } from "./login-throttle.ts";
import { assertAcceptablePassword, hashPassword, verifyPassword } from "./password-policy.ts";
import type { CreatedSession, SessionService } from "./session-service.ts";
import type { SetupTokenService } from "./setup-token-service.ts";
import { generateToken } from "./tokens.ts";

export interface AuthStatus {
  /** No admin account yet: the SPA shows the setup page. */
  setupRequired: boolean;
  user: { id: number; username: string } | null;
}

export interface SignedIn {
  user: { id: number; username: string };
  session: CreatedSession;
}

/** Accounts: first-start setup, password reset, sign-in with throttling, sign-out, password change. */
export class AuthService {
  private readonly users: UserRepository;
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly setupTokens: SetupTokenService,
    private readonly throttle: LoginThrottle,
  ) {
    this.users = new UserRepository(db);
  }

  hasAdmin(): boolean {
    return this.users.count() > 0;
  }

  status(user: { userId: number; username: string } | null): AuthStatus {
    return {
      setupRequired: !this.hasAdmin(),
      user: user ? { id: user.userId, username: user.username } : null,
    };
  }

  /** At start: a fresh setup token when there is no admin yet (returned for the log), else none. */
  prepareSetup(): { token: string; expiresAt: number } | null {
    if (this.hasAdmin()) {
      this.setupTokens.clear(this.db, "setup");
      return null;
    }
    return this.setupTokens.issue("setup");
  }

  /**
   * Creates the admin with a setup token, or sets the admin's credentials with a reset token (which also
   * ends every session). The token is used up only when everything else is acceptable.
   */
  async setup(token: string, username: string, password: string, address: string): Promise<SignedIn> {
    await this.throttle.begin(SETUP_ATTEMPTS, address);
    const purpose = this.setupTokens.peek(token);
    if (purpose === null) {
      if (this.hasAdmin())
        throw new AppError("CONFLICT", "the admin account exists already; sign in instead");
      throw new AppError(
        "FORBIDDEN",
        "the setup token is wrong or has expired (restart the server for a new one)",
      );
    }
    this.throttle.succeeded(SETUP_ATTEMPTS, address);
    await assertAcceptablePassword(password, username);
    const passwordHash = await hashPassword(password);
    const user = this.db.transaction((tx) => {
      if (!this.setupTokens.consume(tx, token, purpose))
        throw new AppError("FORBIDDEN", "the setup token was used already");
      const admin = this.users.admin();
      if (purpose === "setup") {
        if (admin) throw new AppError("CONFLICT", "the admin account exists already; sign in instead");
        this.setupTokens.clear(tx, "setup");
        return this.users.insert(username, passwordHash, this.clock());
      }
      if (!admin) throw new AppError("CONFLICT", "there is no admin account to reset; use the setup token");
      this.users.updateCredentials(admin.id, { username, passwordHash });
      return { ...admin, username };
    });
    if (purpose === "reset") this.sessions.endAllForUser(user.id);
    return { user: { id: user.id, username: user.username }, session: this.sessions.create(user.id) };
  }

  async login(username: string, password: string, address: string): Promise<SignedIn> {
    await this.throttle.begin(username, address);
    const user = this.users.findByUsername(username);
    // An unknown user costs the same hash check as a known one, so timing does not reveal usernames.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.getDummyHash()));
    if (!user || !ok) throw new AppError("UNAUTHORIZED", "wrong username or password");
    this.throttle.succeeded(username, address);
    return { user: { id: user.id, username: user.username }, session: this.sessions.create(user.id) };
  }

  logout(sessionId: string): void {
    this.sessions.end(sessionId);
  }

  /** Needs the current password; ends every other session of the user (the caller's own stays). */
  async changePassword(
    userId: number,
    keepSessionId: string | undefined,
    current: string,
    next: string,
    address: string,
  ): Promise<void> {
    const user = this.users.findById(userId);
    if (!user) throw new AppError("UNAUTHORIZED", "the account no longer exists");
    await this.throttle.begin(user.username, address);
    if (!(await verifyPassword(current, user.passwordHash)))
      throw new AppError("FORBIDDEN", "the current password is wrong");
    this.throttle.succeeded(user.username, address);
    await assertAcceptablePassword(next, user.username);
    this.users.updateCredentials(userId, { passwordHash: await hashPassword(next) });
    this.sessions.endAllForUser(userId, keepSessionId);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(generateToken());
    return this.dummyHash;
  }
}
