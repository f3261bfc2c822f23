import { useQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { useApi } from "../lib/api-context.tsx";
import { errorMessage, formatBytes, formatDuration } from "../lib/format.ts";

/** Health, version, where things live, and the server's recent log lines. */
export function SystemPage() {
  const api = useApi();
  const health = useQuery(() => ({
    queryKey: ["system.health"],
    queryFn: () => api.client.system.health.query(),
  }));
  const info = useQuery(() => ({ queryKey: ["system.info"], queryFn: () => api.client.system.info.query() }));
  const logs = useQuery(() => ({
    queryKey: ["system.recentLogs"],
    queryFn: () => api.client.system.recentLogs.query(),
  }));

  return (
    <div class="page">
      <h1>System</h1>
      <section class="card" aria-labelledby="health-title">
        <h2 id="health-title">Health</h2>
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
      <section class="card" aria-labelledby="logs-title">
        <div class="section-head">
          <h2 id="logs-title">Recent log lines</h2>
          <button type="button" onClick={() => void logs.refetch()}>
            Refresh
          </button>
        </div>
        <Show when={logs.data} fallback={<p>{logs.isError ? errorMessage(logs.error) : "Loading…"}</p>}>
          {(lines) => (
            <ol class="log-lines" data-testid="log-lines">
              <For each={[...lines()].reverse()} fallback={<li>No log lines yet.</li>}>
                {(line) => <li>{line}</li>}
              </For>
            </ol>
          )}
        </Show>
      </section>
    </div>
  );
}
