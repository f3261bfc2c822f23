import { fireEvent, render } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { SkipLink } from "../../../client/src/components/app-shell.tsx";

describe("skip link", () => {
  test("moves focus to the page, not just the scroll position", () => {
    const { getByText } = render(() => (
      <>
        <SkipLink />
        <button type="button">header control</button>
        <main id="main" tabindex="-1">
          page
        </main>
      </>
    ));
    const link = getByText("Skip to content");
    link.focus();
    fireEvent.click(link);
    expect(document.activeElement?.id).toBe("main");
  });
});
