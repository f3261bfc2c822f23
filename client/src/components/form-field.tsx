import { type JSX, Show, splitProps } from "solid-js";

/** A labelled input; the hint is tied to the input with aria-describedby for screen readers. */
export function FormField(
  props: JSX.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string },
) {
  const [own, input] = splitProps(props, ["label", "hint"]);
  const hintId = () => `${input.id}-hint`;
  return (
    <div class="field">
      <label for={input.id}>{own.label}</label>
      <input {...input} aria-describedby={own.hint ? hintId() : undefined} />
      <Show when={own.hint}>
        <small id={hintId()} class="hint">
          {own.hint}
        </small>
      </Show>
    </div>
  );
}

/** An error line announced to assistive technology as soon as it appears. */
export function FormError(props: { message: string | null }) {
  return (
    <p class="form-error" role="alert">
      {props.message ?? ""}
    </p>
  );
}
