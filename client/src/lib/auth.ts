import { TRPCClientError } from "@trpc/client";

/** The query key of `auth.status`; invalidate it after anything that changes who is signed in. */
export const AUTH_STATUS_KEY = ["auth.status"] as const;

/** Routes that work without a session. */
export const PUBLIC_PATHS = ["/login", "/setup"];

export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === "UNAUTHORIZED";
}

/** Only same-app paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
