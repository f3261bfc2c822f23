import { useMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../shared/auth.ts";
import { FormError, FormField } from "../components/form-field.tsx";
import { useApi } from "../lib/api-context.tsx";
import { useAuthStatus } from "../lib/auth-guard.tsx";
import { errorMessage } from "../lib/error-message.ts";
import { formValue } from "../lib/form-values.ts";

/** Change the password; every other signed-in browser is signed out, this one stays. */
export function ChangePasswordPage() {
  const api = useApi();
  const status = useAuthStatus();
  const change = useMutation(() => ({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.client.auth.changePassword.mutate(input),
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    change.mutate(
      { currentPassword: formValue(form, "current"), newPassword: formValue(form, "new") },
      { onSuccess: () => form.reset() },
    );
  };

  return (
    <section class="card narrow" aria-labelledby="password-title">
      <h1 id="password-title">Change password</h1>
      <form onSubmit={submit}>
        {/* Lets password managers know which account the new password belongs to. */}
        <input
          type="text"
          name="username"
          autocomplete="username"
          value={status.data?.user?.username ?? ""}
          hidden
          readOnly
        />
        <FormField
          id="current-password"
          name="current"
          type="password"
          label="Current password"
          required
          autocomplete="current-password"
        />
        <FormField
          id="new-password"
          name="new"
          type="password"
          label="New password"
          required
          autocomplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. Other signed-in browsers will be signed out.`}
        />
        <FormError message={change.isError ? errorMessage(change.error) : null} />
        <Show when={change.isSuccess}>
          <p role="status">Password changed. Other sessions were signed out.</p>
        </Show>
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
