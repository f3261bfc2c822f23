import * as v from "valibot";

/** Limits the server enforces; the SPA shows them as hints (the server's check is the one that counts). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const UsernameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, "the username must not be empty"),
  v.maxLength(64, "the username may have at most 64 characters"),
  v.regex(/^[^\p{C}]+$/u, "the username must not contain control characters"),
);

/**
 * Length and common-password rules are checked by the server's password policy (with clear messages);
 * this only bounds the input so nobody can make the server hash megabytes.
 */
export const PasswordInputSchema = v.pipe(v.string(), v.maxLength(4 * PASSWORD_MAX_LENGTH, "too long"));

/** Tokens are lower-case base32; pasting adds spaces or newlines, which are trimmed. */
export const SetupTokenSchema = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(200), v.nonEmpty());

export const SetupInputSchema = v.object({
  token: SetupTokenSchema,
  username: UsernameSchema,
  password: PasswordInputSchema,
});

export const LoginInputSchema = v.object({
  username: UsernameSchema,
  password: PasswordInputSchema,
});

export const ChangePasswordInputSchema = v.object({
  currentPassword: PasswordInputSchema,
  newPassword: PasswordInputSchema,
});

export const ApiKeyCreateInputSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, "give the key a name"), v.maxLength(100)),
});

export const ApiKeyRevokeInputSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/** auth.status: whether the first setup is still open, and who is signed in (null = nobody). */
export interface AuthStatus {
  /** No admin account yet: the SPA shows the setup page. */
  setupRequired: boolean;
  user: { id: number; username: string } | null;
}

/** One API key as auth.apiKeys.list shows it: never the key itself, only its first characters. */
export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
}
