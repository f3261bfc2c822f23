import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { useQuery, useQueryClient } from "@tanstack/solid-query";
import { createEffect, onCleanup } from "solid-js";
import { useApi } from "./api-context.tsx";
import { AUTH_STATUS_KEY, isUnauthorized, PUBLIC_PATHS, safeNext } from "./auth.ts";

/** Who is signed in (shared cache entry: every caller sees the same answer). */
export function useAuthStatus() {
  const api = useApi();
  return useQuery(() => ({
    queryKey: AUTH_STATUS_KEY,
    queryFn: () => api.client.auth.status.query(),
    staleTime: 60_000,
  }));
}

/**
 * Keeps the SPA on the right side of the session: every call answered UNAUTHORIZED (session ended, expired
 * or revoked elsewhere) re-checks `auth.status`, and a signed-out user is sent to /login (or /setup when
 * there is no admin yet), coming back to the page they were on after signing in.
 */
export function useAuthGuard() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const status = useAuthStatus();

  const recheck = (error: unknown) => {
    if (isUnauthorized(error)) void queryClient.invalidateQueries({ queryKey: AUTH_STATUS_KEY });
  };
  const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === "updated" && event.action.type === "error") recheck(event.action.error);
  });
  const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type === "updated" && event.action.type === "error") recheck(event.action.error);
  });
  onCleanup(() => {
    unsubscribeQueries();
    unsubscribeMutations();
  });

  createEffect(() => {
    const s = status.data;
    if (!s) return;
    const path = location.pathname;
    if (s.user) {
      // Signing in lands here first: the page the user was sent away from wins over the library.
      if (path === "/login") navigate(safeNext(params.next), { replace: true });
      return;
    }
    if (s.setupRequired) {
      if (path !== "/setup") navigate("/setup", { replace: true });
      return;
    }
    if (!PUBLIC_PATHS.includes(path)) navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
  });

  return status;
}
