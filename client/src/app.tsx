import { Route, Router } from "@solidjs/router";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import type { ParentProps } from "solid-js";
import { ApiProvider, useApi } from "./lib/api-context.tsx";
import { StatusPage } from "./pages/status-page.tsx";

function Shell(props: ParentProps) {
  const api = useApi();
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
      </header>
      <main>{props.children}</main>
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
          <Route path="*" component={StatusPage} />
        </Router>
      </ApiProvider>
    </QueryClientProvider>
  );
}
