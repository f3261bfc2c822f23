import { A, useLocation } from "@solidjs/router";
import { For, type ParentProps, Show } from "solid-js";
import { useApi } from "../lib/api-context.tsx";
import { PUBLIC_PATHS } from "../lib/auth.ts";
import { useAuthGuard } from "../lib/auth-guard.tsx";
import { LiveUpdates } from "../lib/live-updates.tsx";
import { AccountMenu } from "./account-menu.tsx";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { ThemeToggle } from "./theme-toggle.tsx";
import { Toaster } from "./toaster.tsx";

export const NAV_ITEMS = [
  { href: "/", label: "Library", end: true },
  { href: "/search", label: "Search & Add", end: false },
  { href: "/downloads", label: "Downloads", end: false },
  { href: "/settings", label: "Settings", end: false },
  { href: "/system", label: "System", end: false },
] as const;

/**
 * Header with navigation, live-connection badge, theme toggle and account menu; the page (only when
 * signed in, except setup and sign-in); the toasts; and, when signed in, the live-update subscriptions.
 */
export function AppShell(props: ParentProps) {
  const api = useApi();
  const status = useAuthGuard();
  const location = useLocation();
  const isPublic = () => PUBLIC_PATHS.includes(location.pathname);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          Aniworld
        </a>
        <Show when={status.data?.user}>
          <nav aria-label="Main">
            <ul class="nav">
              <For each={NAV_ITEMS}>
                {(item) => (
                  <li>
                    <A href={item.href} end={item.end} activeClass="active">
                      {item.label}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </nav>
        </Show>
        <div class="topbar-tools">
          <ConnectionIndicator state={api.connection()} />
          <ThemeToggle />
          <Show when={status.data?.user}>{(user) => <AccountMenu username={user().username} />}</Show>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <Show
          when={isPublic() || status.data?.user}
          fallback={<p>{status.isError ? "The server cannot be reached." : "Loading…"}</p>}
        >
          {props.children}
        </Show>
      </main>
      <Show when={status.data?.user}>
        <LiveUpdates />
      </Show>
      <Toaster />
    </div>
  );
}
