import { A } from "@solidjs/router";
import { For, type JSX, type ParentProps } from "solid-js";
import { useApi } from "../lib/api-context.tsx";
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

/** Header with navigation, live-connection badge and theme toggle; the page; the toasts. */
export function AppShell(props: ParentProps<{ actions?: JSX.Element }>) {
  const api = useApi();
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          Aniworld
        </a>
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
        <div class="topbar-tools">
          <ConnectionIndicator state={api.connection()} />
          <ThemeToggle />
          {props.actions}
        </div>
      </header>
      <main id="main" tabindex="-1">
        {props.children}
      </main>
      <Toaster />
    </div>
  );
}
