import { describe, expect, test } from "vitest";
import { applyTheme, THEME_STORAGE_KEY, useTheme } from "../../../client/src/lib/theme.ts";

describe("theme", () => {
  test("explicit choices set data-theme; system removes it", () => {
    const el = document.createElement("html");
    applyTheme("dark", el);
    expect(el.dataset.theme).toBe("dark");
    applyTheme("system", el);
    expect(el.dataset.theme).toBeUndefined();
  });

  test("the toggle cycles and remembers the choice", () => {
    const theme = useTheme();
    theme.set("system");
    theme.cycle();
    expect(theme.choice()).toBe("light");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
    expect(document.documentElement.dataset.theme).toBe("light");
    theme.cycle();
    expect(theme.choice()).toBe("dark");
  });
});
