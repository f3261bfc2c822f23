import { createRoot, createSignal } from "solid-js";

/** "system" follows prefers-color-scheme; the other two override it and are remembered. */
export type ThemeChoice = "system" | "light" | "dark";
export const THEME_STORAGE_KEY = "aniworld.theme";
const CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

function stored(): ThemeChoice {
  try {
    const value = globalThis.localStorage?.getItem(THEME_STORAGE_KEY);
    return CHOICES.find((c) => c === value) ?? "system";
  } catch {
    return "system";
  }
}

/** Sets `data-theme` on <html>; the stylesheet picks colours from it (absent = follow the system). */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
}

const theme = createRoot(() => {
  const [choice, setChoice] = createSignal<ThemeChoice>(stored());
  return {
    choice,
    set(next: ThemeChoice) {
      setChoice(next);
      try {
        globalThis.localStorage?.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // Private mode without storage: the choice holds for this page only.
      }
      applyTheme(next);
    },
    /** system → light → dark → system */
    cycle() {
      const next = CHOICES[(CHOICES.indexOf(choice()) + 1) % CHOICES.length] ?? "system";
      this.set(next);
    },
  };
});

export function useTheme() {
  return theme;
}

export function initTheme(): void {
  applyTheme(theme.choice());
}
