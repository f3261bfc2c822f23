import { A, useNavigate } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { useApi } from "../lib/api-context.tsx";
import { AUTH_STATUS_KEY } from "../lib/auth.ts";

/** The signed-in user's links and the sign-out button (a new socket afterwards: the old one was signed in). */
export function AccountMenu(props: { username: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(() => ({
    mutationFn: () => api.client.auth.logout.mutate(),
    // Learn "signed out" first (so nothing bounces back from /login or keeps subscribing), then drop the
    // signed-in data and open a fresh, unauthenticated socket.
    onSettled: async () => {
      await queryClient.refetchQueries({ queryKey: AUTH_STATUS_KEY });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== AUTH_STATUS_KEY[0] });
      api.restart();
      navigate("/login", { replace: true });
    },
  }));
  return (
    <nav class="account" aria-label="Account">
      <A href="/account/api-keys">API keys</A>
      <A href="/account/password">Password</A>
      <span class="muted" data-testid="username">
        {props.username}
      </span>
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Sign out
      </button>
    </nav>
  );
}
