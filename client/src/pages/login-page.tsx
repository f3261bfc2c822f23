import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { FormError, FormField } from "../components/form-field.tsx";
import { useApi } from "../lib/api-context.tsx";
import { safeNext } from "../lib/auth.ts";
import { errorMessage } from "../lib/error-message.ts";
import { formValue } from "../lib/form-values.ts";

export function LoginPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const where = useLocation();
  const login = useMutation(() => ({
    mutationFn: (input: { username: string; password: string }) => api.client.auth.login.mutate(input),
    onSuccess: async () => {
      // Read before awaiting: the auth guard may already have moved on to that page (and its address).
      const next = safeNext(params.next);
      api.restart();
      await queryClient.invalidateQueries();
      if (where.pathname === "/login") navigate(next, { replace: true });
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    login.mutate({ username: formValue(form, "username"), password: formValue(form, "password") });
  };

  return (
    <section class="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <form onSubmit={submit}>
        <FormField id="login-username" name="username" label="Username" required autocomplete="username" />
        <FormField
          id="login-password"
          name="password"
          type="password"
          label="Password"
          required
          autocomplete="current-password"
        />
        <FormError message={login.isError ? errorMessage(login.error) : null} />
        <button type="submit" class="primary" disabled={login.isPending}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p class="hint">
        Forgot the password? Run <code>aniworld reset-password</code> on the server and open the setup page.
      </p>
    </section>
  );
}
