import { render, waitFor } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { Toaster } from "../../../client/src/components/toaster.tsx";
import { createToastStore, ToastProvider } from "../../../client/src/lib/toasts.tsx";

describe("toasts", () => {
  test("shows pushed toasts as text, errors as alerts, and dismisses on click", () => {
    const store = createToastStore({ lifetimeMs: 0 });
    const { container, getAllByTestId, getByLabelText } = render(() => (
      <ToastProvider store={store}>
        <Toaster />
      </ToastProvider>
    ));
    store.push("success", "Downloaded <b>S01E01</b>");
    store.push("error", "Loading failed");
    const toasts = getAllByTestId("toast");
    expect(toasts.map((t) => t.getAttribute("role"))).toEqual(["status", "alert"]);
    expect(toasts[0]?.textContent).toContain("Downloaded <b>S01E01</b>");
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector(".toasts")?.getAttribute("aria-live")).toBe("polite");
    getByLabelText("Dismiss notification", { selector: ".toast-success button" }).click();
    expect(getAllByTestId("toast").length).toBe(1);
  });

  test("keeps at most `max` toasts, dropping the oldest", () => {
    const store = createToastStore({ lifetimeMs: 0, max: 2 });
    store.push("info", "a");
    store.push("info", "b");
    store.push("info", "c");
    expect(store.toasts.map((t) => t.text)).toEqual(["b", "c"]);
  });

  test("toasts expire after their lifetime", async () => {
    const store = createToastStore({ lifetimeMs: 10 });
    store.push("info", "gone soon");
    expect(store.toasts.length).toBe(1);
    await waitFor(() => expect(store.toasts.length).toBe(0));
  });
});
