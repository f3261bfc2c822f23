import {
  ApiKeyCreateInputSchema,
  ApiKeyRevokeInputSchema,
  ChangePasswordInputSchema,
  LoginInputSchema,
  SetupInputSchema,
} from "../../shared/auth.ts";
import { AppError } from "../../shared/errors.ts";
import type { Context } from "../trpc/context.ts";
import { authedProcedure, publicProcedure, router } from "../trpc/trpc.ts";
import type { SignedIn } from "./auth-service.ts";
import { clearedSessionCookie, isSecureRequest, sessionCookie } from "./session-cookie.ts";

/** Sets the session cookie on the HTTP response; a cookie cannot be set over a WebSocket. */
function setSessionCookie(ctx: Context, signedIn: SignedIn | null): void {
  const { request } = ctx;
  const secure = isSecureRequest(request.url, request.headers, ctx.services.config.trustProxy);
  request.resHeaders?.append(
    "set-cookie",
    signedIn
      ? sessionCookie(signedIn.session.token, signedIn.session.expiresAt, secure)
      : clearedSessionCookie(secure),
  );
}

function requireHttp(ctx: Context): void {
  if (!ctx.request.resHeaders)
    throw new AppError("BAD_REQUEST", "sign in over HTTP (the session is a cookie); sockets use API keys");
}

const apiKeysRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.apiKeys.list(ctx.principal.userId)),
  /** The answer holds the key itself: the only time it is ever shown. */
  create: authedProcedure
    .input(ApiKeyCreateInputSchema)
    .mutation(({ ctx, input }) => ctx.services.apiKeys.create(ctx.principal.userId, input.name)),
  revoke: authedProcedure.input(ApiKeyRevokeInputSchema).mutation(({ ctx, input }) => {
    ctx.services.apiKeys.revoke(ctx.principal.userId, input.id);
    return { revoked: input.id };
  }),
});

export const authRouter = router({
  status: publicProcedure.query(({ ctx }) => ctx.services.auth.status(ctx.principal)),

  setup: publicProcedure.input(SetupInputSchema).mutation(async ({ ctx, input }) => {
    requireHttp(ctx);
    const signedIn = await ctx.services.auth.setup(
      input.token,
      input.username,
      input.password,
      ctx.request.ip,
    );
    setSessionCookie(ctx, signedIn);
    return { user: signedIn.user };
  }),

  login: publicProcedure.input(LoginInputSchema).mutation(async ({ ctx, input }) => {
    requireHttp(ctx);
    const signedIn = await ctx.services.auth.login(input.username, input.password, ctx.request.ip);
    setSessionCookie(ctx, signedIn);
    return { user: signedIn.user };
  }),

  logout: authedProcedure.mutation(({ ctx }) => {
    if (ctx.principal.sessionId) ctx.services.auth.logout(ctx.principal.sessionId);
    setSessionCookie(ctx, null);
    return { signedOut: true };
  }),

  changePassword: authedProcedure.input(ChangePasswordInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.auth.changePassword(
      ctx.principal.userId,
      ctx.principal.sessionId,
      input.currentPassword,
      input.newPassword,
      ctx.request.ip,
    );
    return { changed: true };
  }),

  apiKeys: apiKeysRouter,
});
