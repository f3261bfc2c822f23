import { Navigate, Route, Router } from "@solidjs/router";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import type { ParentProps } from "solid-js";
import { AppShell } from "./components/app-shell.tsx";
import { ApiProvider } from "./lib/api-context.tsx";
import { ToastProvider } from "./lib/toasts.tsx";
import { ActivityPage } from "./pages/activity-page.tsx";
import { ApiKeysPage } from "./pages/api-keys-page.tsx";
import { CalendarPage } from "./pages/calendar-page.tsx";
import { ChangePasswordPage } from "./pages/change-password-page.tsx";
import { ConnectionsPage } from "./pages/connections-page.tsx";
import { HistoryPage } from "./pages/history-page.tsx";
import { LibraryPage } from "./pages/library/library-page.tsx";
import { LoginPage } from "./pages/login-page.tsx";
import { SearchPage } from "./pages/search-page.tsx";
import { SeriesPage } from "./pages/series-page.tsx";
import { SettingsPage } from "./pages/settings-page.tsx";
import { SetupPage } from "./pages/setup-page.tsx";
import { SystemHealthPage } from "./pages/system-health-page.tsx";
import { SystemLogsPage } from "./pages/system-logs-page.tsx";
import { SystemPage } from "./pages/system-page.tsx";
import { SystemTasksPage } from "./pages/system-tasks-page.tsx";
import { WantedPage } from "./pages/wanted-page.tsx";

function NotFound() {
  return (
    <section class="card">
      <h1>Not found</h1>
      <p>
        There is no page here. <a href="/">Back to the library</a>
      </p>
    </section>
  );
}

function Root(props: ParentProps) {
  return <AppShell>{props.children}</AppShell>;
}

export function App(props: { baseUrl: string }) {
  // Live data arrives through subscriptions that write into this cache, so nothing polls.
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: false } },
  });
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <ApiProvider baseUrl={props.baseUrl}>
          <Router root={Root}>
            <Route path="/" component={LibraryPage} />
            <Route path="/setup" component={SetupPage} />
            <Route path="/login" component={LoginPage} />
            <Route path="/search" component={SearchPage} />
            <Route path="/series/:id" component={SeriesPage} />
            <Route path="/activity" component={ActivityPage} />
            <Route path="/activity/history" component={HistoryPage} />
            <Route path="/downloads" component={() => <Navigate href="/activity" />} />
            <Route path="/wanted" component={WantedPage} />
            <Route path="/calendar" component={CalendarPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route path="/settings/connections" component={ConnectionsPage} />
            <Route path="/system" component={SystemPage} />
            <Route path="/system/health" component={SystemHealthPage} />
            <Route path="/system/tasks" component={SystemTasksPage} />
            <Route path="/system/logs" component={SystemLogsPage} />
            <Route path="/account/password" component={ChangePasswordPage} />
            <Route path="/account/api-keys" component={ApiKeysPage} />
            <Route path="*" component={NotFound} />
          </Router>
        </ApiProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
