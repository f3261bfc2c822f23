import { createSignal, onCleanup, Show } from "solid-js";
import type { Tick } from "../../../shared/system.ts";
import { SystemNav } from "../components/section-navs.tsx";
import { useApi } from "../lib/api-context.tsx";
import { errorMessage } from "../lib/error-message.ts";
import { formatBytes, formatDuration } from "../lib/format.ts";
import { useHealth, useSystemInfo } from "../lib/system-queries.ts";

/** Status, version and where things live; health checks, tasks and logs have their own tabs. */
export function SystemPage() {
  const api = useApi();
  const health = useHealth();
  const info = useSystemInfo();
  // A heartbeat over the WebSocket: shows the live pipe (HTTP above, subscription here) end to end.
  const [tick, setTick] = createSignal<Tick | null>(null);
  const ticks = api.client.system.ticks.subscribe({ intervalMs: 1000 }, { onData: setTick });
  onCleanup(() => ticks.unsubscribe());

  return (
    <div class="page">
      <h1>System</h1>
      <SystemNav />
      <section class="card" aria-labelledby="health-title">
        <h2 id="health-title">Server</h2>
        <Show
          when={health.data}
          fallback={<p>{health.isError ? "The server cannot be reached." : "Loading…"}</p>}
        >
          {(h) => (
            <dl class="facts">
              <dt>Status</dt>
              <dd data-testid="health-status">{h().status}</dd>
              <dt>Version</dt>
              <dd data-testid="health-version">{h().version}</dd>
              <dt>Uptime</dt>
              <dd>{formatDuration(h().uptimeSeconds)}</dd>
            </dl>
          )}
        </Show>
        <p>
          Live updates:{" "}
          <span data-testid="tick">
            {tick() ? `heartbeat #${tick()?.n}` : "waiting for the first heartbeat…"}
          </span>
        </p>
        <button type="button" onClick={() => void health.refetch()}>
          Check again
        </button>
      </section>
      <section class="card" aria-labelledby="info-title">
        <h2 id="info-title">Installation</h2>
        <Show when={info.data} fallback={<p>{info.isError ? errorMessage(info.error) : "Loading…"}</p>}>
          {(i) => (
            <dl class="facts">
              <dt>Version</dt>
              <dd>{i().version}</dd>
              <dt>Bun</dt>
              <dd>{i().bun}</dd>
              <dt>Platform</dt>
              <dd>{i().platform}</dd>
              <dt>Started</dt>
              <dd>{new Date(i().startedAt).toLocaleString()}</dd>
              <dt>Data folder</dt>
              <dd>{i().dataDir}</dd>
              <dt>Library folder</dt>
              <dd>{i().library}</dd>
              <dt>Memory (RSS)</dt>
              <dd>{formatBytes(i().rssBytes)}</dd>
            </dl>
          )}
        </Show>
      </section>
    </div>
  );
}
