import { useQuery } from "@tanstack/solid-query";
import { createSignal, onCleanup, Show } from "solid-js";
import { useApi } from "../lib/api-context.tsx";

/** Shows the server's health (HTTP) and a live heartbeat (WebSocket): the whole pipe, visible. */
export function StatusPage() {
  const api = useApi();
  const health = useQuery(() => ({
    queryKey: ["system.health"],
    queryFn: () => api.client.system.health.query(),
    refetchInterval: 15_000,
  }));
  const [tick, setTick] = createSignal<{ n: number; at: number } | null>(null);
  const sub = api.client.system.ticks.subscribe({ intervalMs: 1000 }, { onData: setTick });
  onCleanup(() => sub.unsubscribe());

  return (
    <section class="card" aria-labelledby="status-title">
      <h1 id="status-title">Server status</h1>
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
            <dd>{h().uptimeSeconds} s</dd>
          </dl>
        )}
      </Show>
      <p>
        Live connection: <span data-testid="connection">{api.connection()}</span>
        <Show when={tick()}>{(t) => <span data-testid="tick"> · heartbeat #{t().n}</span>}</Show>
      </p>
    </section>
  );
}
