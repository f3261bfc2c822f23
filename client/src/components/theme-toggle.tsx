import { useTheme } from "../lib/theme.ts";

const LABEL = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" } as const;

/** Cycles system → light → dark; the choice is remembered in localStorage. */
export function ThemeToggle() {
  const theme = useTheme();
  return (
    <button
      type="button"
      class="theme-toggle"
      onClick={() => theme.cycle()}
      aria-label={`${LABEL[theme.choice()]}. Change theme`}
      data-testid="theme-toggle"
    >
      {theme.choice() === "dark" ? "☾" : theme.choice() === "light" ? "☀" : "◐"}
      <span class="theme-toggle-text">{LABEL[theme.choice()]}</span>
    </button>
  );
}
