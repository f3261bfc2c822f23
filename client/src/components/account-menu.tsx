import { A, useNavigate } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { useApi } from "../lib/api-context.tsx";

/** The signed-in user's links and the sign-out button (a new socket afterwards: the old one was signed in). */
export function AccountMenu(props: { username: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(() => ({
    mutationFn: () => api.client.auth.logout.mutate(),
    onSettled: () => {
      api.restart();
      queryClient.clear();
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
