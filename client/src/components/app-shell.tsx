import { A, useLocation } from "@solidjs/router";
import { createEffect, createSignal, For, on, type ParentProps, Show } from "solid-js";
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
  { href: "/activity", label: "Activity", end: false },
  { href: "/wanted", label: "Wanted", end: false },
  { href: "/calendar", label: "Calendar", end: false },
  { href: "/settings", label: "Settings", end: false },
  { href: "/system", label: "System", end: false },
] as const;

/** Moves focus to the page itself, so the next Tab starts inside it (a plain #main link only scrolls). */
export function focusMain(): void {
  const main = document.getElementById("main");
  main?.focus();
  main?.scrollIntoView?.({ block: "start" });
}

function skipToMain(event: MouseEvent): void {
  event.preventDefault();
  focusMain();
}

/** The first stop of the Tab order: jumps past the header and puts focus on the page. */
export function SkipLink() {
  return (
    <a class="skip-link" href="#main" ref={(link) => link.addEventListener("click", skipToMain)}>
      Skip to content
    </a>
  );
}

/**
 * Header with navigation (a menu button on phones), live-connection badge, theme toggle and account menu;
 * a banner while the server cannot be reached; the page (only when signed in, except setup and sign-in);
 * the toasts; and, when signed in, the live-update subscriptions.
 */
export function AppShell(props: ParentProps) {
  const api = useApi();
  const status = useAuthGuard();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = createSignal(false);
  const isPublic = () => PUBLIC_PATHS.includes(location.pathname);
  // A followed link closes the phone menu.
  createEffect(
    on(
      () => location.pathname,
      () => setMenuOpen(false),
      { defer: true },
    ),
  );
  return (
    <div class="shell">
      <SkipLink />
      <header class="topbar">
        <a class="brand" href="/">
          <img src="/favicon.svg" alt="" width="22" height="22" />
          Aniworld
        </a>
        <Show when={status.data?.user}>
          <button
            type="button"
            class="menu-button"
            aria-expanded={menuOpen()}
            aria-controls="main-nav"
            onClick={() => setMenuOpen(!menuOpen())}
          >
            Menu
          </button>
          <nav aria-label="Main" id="main-nav" classList={{ open: menuOpen() }}>
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
      <Show when={api.connection() === "unreachable"}>
        <p class="offline-banner" role="alert" data-testid="offline-banner">
          The server cannot be reached. What you see is the last data received (marked stale); it updates
          again once the server is back.
        </p>
      </Show>
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
