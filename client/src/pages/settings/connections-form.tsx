import { createSignal } from "solid-js";
import type { SettingsPatch } from "../../../../shared/settings.ts";

/**
 * Settings → Connections: FlareSolverr (gets past the catalogue's anti-bot check) and an outbound proxy.
 * Empty fields fall back to ANIWORLD_FLARESOLVERR_URL / ANIWORLD_PROXY_URL.
 */
export function ConnectionsForm(props: {
  flaresolverrUrl: string;
  proxyUrl: string;
  saving: boolean;
  onSave: (patch: SettingsPatch) => Promise<unknown>;
}) {
  const [solver, setSolver] = createSignal(props.flaresolverrUrl);
  const [proxy, setProxy] = createSignal(props.proxyUrl);
  return (
    <form
      class="card"
      aria-labelledby="connections-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const patch: SettingsPatch = {};
        if (solver().trim() !== props.flaresolverrUrl) patch.flaresolverrUrl = solver().trim();
        if (proxy().trim() !== props.proxyUrl) patch.proxyUrl = proxy().trim();
        await props.onSave(patch);
      }}
    >
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
          value={solver()}
          onInput={(e) => setSolver(e.currentTarget.value)}
          maxLength={2000}
        />
      </label>
      <label class="field">
        <span>Outbound proxy (http://, https:// or socks5://)</span>
        <input
          type="url"
          placeholder="http://proxy.example:3128"
          value={proxy()}
          onInput={(e) => setProxy(e.currentTarget.value)}
          maxLength={2000}
        />
      </label>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={props.saving}>
          Save connections
        </button>
      </div>
    </form>
  );
}
