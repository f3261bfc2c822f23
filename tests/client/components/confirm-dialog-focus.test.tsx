import { render } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { ConfirmDialog } from "../../../client/src/components/confirm-dialog.tsx";

const dialog = (danger: boolean) =>
  render(() => (
    <ConfirmDialog
      open
      title="Remove?"
      message="Sure?"
      confirmLabel="Remove"
      danger={danger}
      onConfirm={() => {}}
      onCancel={() => {}}
    />
  ));

describe("confirm dialog focus", () => {
  test("a destructive question starts on Cancel, so Enter never destroys by accident", () => {
    const { getByRole } = dialog(true);
    expect(document.activeElement).toBe(getByRole("button", { name: "Cancel" }));
  });

  test("a harmless question starts on its confirm button", () => {
    const { getByRole } = dialog(false);
    expect(document.activeElement).toBe(getByRole("button", { name: "Remove" }));
  });
});
