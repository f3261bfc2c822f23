import type { Editable } from "./general-settings-form.tsx";
import { FieldProblems } from "./naming-fields.tsx";
import type { FieldErrors } from "./settings-validation.ts";

/**
 * Settings → Connections: FlareSolverr (gets past the catalogue's anti-bot check) and an outbound proxy.
 * Empty fields fall back to ANIWORLD_FLARESOLVERR_URL / ANIWORLD_PROXY_URL.
 */
export function ConnectionFields(props: {
  draft: Editable;
  errors: FieldErrors;
  set: (key: "flaresolverrUrl" | "proxyUrl", value: string) => void;
}) {
  return (
    <section class="card" aria-labelledby="connections-title">
      <h2 id="connections-title">Connections</h2>
      <p class="muted">
        When aniworld.to blocks this server (System → Health says so), a FlareSolverr instance solves the
        check and the app reuses its cookies. See docs/network.md.
      </p>
      <label class="field">
        <span>FlareSolverr URL</span>
        <input
          type="url"
          placeholder="http://127.0.0.1:8191"
          data-testid="flaresolverr-url"
          value={props.draft.flaresolverrUrl}
          aria-invalid={props.errors.flaresolverrUrl ? "true" : undefined}
          aria-describedby="flaresolverrUrl-errors"
          onInput={(e) => props.set("flaresolverrUrl", e.currentTarget.value.trim())}
          maxLength={2000}
        />
      </label>
      <FieldProblems id="flaresolverrUrl-errors" messages={props.errors.flaresolverrUrl} />
      <label class="field">
        <span>Outbound proxy (http://, https:// or socks5://)</span>
        <input
          type="url"
          placeholder="http://proxy.example:3128"
          value={props.draft.proxyUrl}
          aria-invalid={props.errors.proxyUrl ? "true" : undefined}
          aria-describedby="proxyUrl-errors"
          onInput={(e) => props.set("proxyUrl", e.currentTarget.value.trim())}
          maxLength={2000}
        />
      </label>
      <FieldProblems id="proxyUrl-errors" messages={props.errors.proxyUrl} />
    </section>
  );
}
