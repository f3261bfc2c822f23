import { A, Route, Router, useLocation, useNavigate } from "@solidjs/router";
import { QueryClient, QueryClientProvider, useMutation, useQueryClient } from "@tanstack/solid-query";
import { type ParentProps, Show } from "solid-js";
import { ApiProvider, useApi } from "./lib/api-context.tsx";
import { PUBLIC_PATHS } from "./lib/auth.ts";
import { useAuthGuard } from "./lib/auth-guard.tsx";
import { ApiKeysPage } from "./pages/api-keys-page.tsx";
import { ChangePasswordPage } from "./pages/change-password-page.tsx";
import { LoginPage } from "./pages/login-page.tsx";
import { SetupPage } from "./pages/setup-page.tsx";
import { StatusPage } from "./pages/status-page.tsx";

function AccountMenu(props: { username: string }) {
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
      <span class="muted">{props.username}</span>
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Sign out
      </button>
    </nav>
  );
}

function Shell(props: ParentProps) {
  const api = useApi();
  const status = useAuthGuard();
  const location = useLocation();
  const isPublic = () => PUBLIC_PATHS.includes(location.pathname);
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="/">
          Aniworld
        </a>
        <span class={`conn conn-${api.connection()}`} role="status" aria-live="polite">
          {api.connection() === "open"
            ? "live"
            : api.connection() === "connecting"
              ? "connecting…"
              : "offline, retrying"}
        </span>
        <Show when={status.data?.user}>{(user) => <AccountMenu username={user().username} />}</Show>
      </header>
      <main>
        <Show
          when={isPublic() || status.data?.user}
          fallback={<p>{status.isError ? "The server cannot be reached." : "Loading…"}</p>}
        >
          {props.children}
        </Show>
      </main>
    </div>
  );
}

export function App(props: { baseUrl: string }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 5_000 } } });
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider baseUrl={props.baseUrl}>
        <Router root={Shell}>
          <Route path="/" component={StatusPage} />
          <Route path="/setup" component={SetupPage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/account/password" component={ChangePasswordPage} />
          <Route path="/account/api-keys" component={ApiKeysPage} />
          <Route path="*" component={StatusPage} />
        </Router>
      </ApiProvider>
    </QueryClientProvider>
  );
}
