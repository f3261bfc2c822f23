import { fireEvent, render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, test } from "vitest";
import { ConfirmDialog } from "../../../client/src/components/confirm-dialog.tsx";

describe("confirm dialog", () => {
  test("opens with its text, confirms or cancels, and renders titles as text", () => {
    const [open, setOpen] = createSignal(false);
    const calls: string[] = [];
    const { container, getByRole } = render(() => (
      <ConfirmDialog
        open={open()}
        title="Remove <b>x</b>?"
        message="Sure?"
        confirmLabel="Remove"
        onConfirm={() => calls.push("confirm")}
        onCancel={() => calls.push("cancel")}
      />
    ));
    expect(container.querySelector("dialog")?.open).toBe(false);
    setOpen(true);
    expect(container.querySelector("dialog")?.open).toBe(true);
    expect(container.querySelector("h2")?.textContent).toBe("Remove <b>x</b>?");
    expect(container.querySelector("b")).toBeNull();
    fireEvent.click(getByRole("button", { name: "Cancel" }));
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    expect(calls).toEqual(["cancel", "confirm"]);
    setOpen(false);
    expect(container.querySelector("dialog")?.open).toBe(false);
  });

  test("with nothing to confirm, the confirm button is disabled and Enter does nothing", () => {
    const [disabled, setDisabled] = createSignal(true);
    const calls: string[] = [];
    const { container, getByRole } = render(() => (
      <ConfirmDialog
        open
        title="Organize"
        message="Everything already follows the naming templates."
        confirmLabel="Rename"
        confirmDisabled={disabled()}
        onConfirm={() => calls.push("confirm")}
        onCancel={() => calls.push("cancel")}
      />
    ));
    const rename = getByRole("button", { name: "Rename" }) as HTMLButtonElement;
    expect(rename.disabled).toBe(true);
    expect(document.activeElement).toBe(getByRole("button", { name: "Cancel" }));
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    expect(calls).toEqual([]);
    setDisabled(false);
    expect(rename.disabled).toBe(false);
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    expect(calls).toEqual(["confirm"]);
  });
});
