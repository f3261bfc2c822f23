import { createEffect, type JSX, Show } from "solid-js";

/**
 * A modal confirmation on the native <dialog>: focus moves into it, Escape cancels, the page behind is
 * inert. `children` may hold extra choices (e.g. "also delete files"). A dangerous action starts on Cancel,
 * so Enter never destroys anything by accident. `confirmDisabled`: nothing to confirm (yet); Enter does nothing.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: JSX.Element;
}) {
  let dialog: HTMLDialogElement | undefined;
  let cancel: HTMLButtonElement | undefined;
  let confirm: HTMLButtonElement | undefined;
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      (props.danger === true || props.confirmDisabled === true ? cancel : confirm)?.focus();
    } else if (!props.open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  });
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <Show when={props.open}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (props.confirmDisabled !== true) props.onConfirm();
          }}
        >
          <h2 id="confirm-title">{props.title}</h2>
          <p>{props.message}</p>
          {props.children}
          <div class="dialog-actions">
            <button ref={cancel} type="button" onClick={() => props.onCancel()}>
              Cancel
            </button>
            <button
              ref={confirm}
              type="submit"
              disabled={props.confirmDisabled === true}
              classList={{ danger: props.danger === true }}
            >
              {props.confirmLabel}
            </button>
          </div>
        </form>
      </Show>
    </dialog>
  );
}
