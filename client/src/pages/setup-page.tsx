import { A, useNavigate } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../shared/auth.ts";
import { FormError, FormField } from "../components/form-field.tsx";
import { useApi } from "../lib/api-context.tsx";
import { errorMessage } from "../lib/error-message.ts";
import { formValue } from "../lib/form-values.ts";

/**
 * First start (create the admin) and password reset (`aniworld reset-password`): both take the one-time
 * token the server printed, a username and a new password.
 */
export function SetupPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const setup = useMutation(() => ({
    mutationFn: (input: { token: string; username: string; password: string }) =>
      api.client.auth.setup.mutate(input),
    onSuccess: async () => {
      api.restart();
      await queryClient.invalidateQueries();
      navigate("/", { replace: true });
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setup.mutate({
      token: formValue(form, "token"),
      username: formValue(form, "username"),
      password: formValue(form, "password"),
    });
  };

  return (
    <section class="card narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">Set up Aniworld</h1>
      <p>
        Enter the one-time token from the server log (first start) or from{" "}
        <code>aniworld reset-password</code>, then choose the admin's username and password.
      </p>
      <form onSubmit={submit}>
        <FormField
          id="setup-token"
          name="token"
          label="Setup token"
          required
          autocomplete="one-time-code"
          spellcheck={false}
        />
        <FormField
          id="setup-username"
          name="username"
          label="Username"
          required
          autocomplete="username"
          maxLength={64}
        />
        <FormField
          id="setup-password"
          name="password"
          type="password"
          label="Password"
          required
          autocomplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; a passphrase is best. Very common passwords are refused.`}
        />
        <FormError message={setup.isError ? errorMessage(setup.error) : null} />
        <button type="submit" class="primary" disabled={setup.isPending}>
          {setup.isPending ? "Saving…" : "Create account and sign in"}
        </button>
      </form>
      <p class="hint">
        Already have an account? <A href="/login">Sign in</A>
      </p>
    </section>
  );
}
