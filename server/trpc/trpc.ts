import { initTRPC, StandardSchemaV1Error, TRPCError } from "@trpc/server";
import { isDatabaseBusy } from "../../db/connection.ts";
import { isAppError } from "../../shared/errors.ts";
import type { Context } from "./context.ts";

/**
 * The one place tRPC is set up. isDev is always false: stack traces never reach clients, whether the
 * server runs from source or from the compiled executable.
 */
/** What a client is told of an unexpected error; the error itself is in the server log. */
export const MASKED_MESSAGE = "internal error (see the server log)";

/** True for an internal error nobody has logged yet (the middleware below logs and masks the ones it sees). */
export function isUnloggedInternal(error: TRPCError): boolean {
  return error.code === "INTERNAL_SERVER_ERROR" && error.message !== MASKED_MESSAGE;
}

const t = initTRPC.context<Context>().create({
  isDev: false,
  // Live data goes over the WebSocket only: the socket registry closes a socket when its session ends or
  // its API key is revoked, while an SSE stream over HTTP would outlive its credentials.
  sse: { enabled: false },
  errorFormatter({ shape, error }) {
    const issues =
      error.cause instanceof StandardSchemaV1Error
        ? error.cause.issues.map((i) => ({
            path: (i.path ?? []).map((p) => (typeof p === "object" ? p.key : p)).join("."),
            message: i.message,
          }))
        : undefined;
    // Every internal error reaches clients masked, also those raised outside the middleware (subscriptions).
    const internal = shape.data.code === "INTERNAL_SERVER_ERROR";
    return {
      message: issues
        ? `invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`
        : internal
          ? MASKED_MESSAGE
          : shape.message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues },
    };
  },
});

/** Maps AppError to TRPCError (the one mapping), and hides unexpected errors behind a generic message. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const err = result.error;
    const cause = err.cause;
    if (isAppError(cause)) {
      const code = cause.code === "INTERNAL" ? "INTERNAL_SERVER_ERROR" : cause.code;
      throw new TRPCError({ code, message: cause.message, cause });
    }
    if (isDatabaseBusy(cause))
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "the database is locked by another program; try again in a moment",
      });
    if (err.code === "INTERNAL_SERVER_ERROR") {
      ctx.services.logger.error("procedure failed", { path, error: cause ?? err });
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: MASKED_MESSAGE });
    }
  }
  return result;
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
/**
 * Subscriptions answer on the WebSocket only (see `sse` above); over HTTP they never start. Checked after
 * the credentials, so an anonymous caller learns nothing but UNAUTHORIZED.
 */
const webSocketSubscriptions = t.middleware(({ ctx, type, next }) => {
  if (type === "subscription" && ctx.request.transport !== "ws")
    throw new TRPCError({
      code: "METHOD_NOT_SUPPORTED",
      message: "subscriptions are served over WebSocket only",
    });
  return next();
});

export const publicProcedure = t.procedure.use(errorMapping);

/** Requires a signed-in user (session cookie) or an API key. */
export const authedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in or send an API key" });
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  })
  .use(webSocketSubscriptions);
