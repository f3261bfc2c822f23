import { render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, test } from "vitest";
import { ProgressBar } from "../../../client/src/components/progress-bar.tsx";

describe("progress bar", () => {
  test("exposes its value to assistive technology and follows updates", () => {
    const [value, setValue] = createSignal<number | null>(0.25);
    const { getByRole } = render(() => <ProgressBar value={value()} label="Download" />);
    const bar = getByRole("progressbar");
    expect(bar.getAttribute("aria-label")).toBe("Download");
    expect(bar.getAttribute("aria-valuenow")).toBe("25");
    setValue(1.7);
    expect(bar.getAttribute("aria-valuenow")).toBe("100");
    setValue(null);
    expect(bar.hasAttribute("aria-valuenow")).toBe(false);
    expect(bar.classList.contains("indeterminate")).toBe(true);
  });
});
