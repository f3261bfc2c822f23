import { useQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import type { CheckStatus } from "../../../shared/diagnostics.ts";
import { SystemNav } from "../components/section-navs.tsx";
import { useApi } from "../lib/api-context.tsx";
import { errorMessage } from "../lib/error-message.ts";

const MARK: Record<CheckStatus, string> = { ok: "OK", warn: "Check", fail: "Problem" };

/** System → Health (connection checks with advice) and System → Providers (last results per hoster). */
export function SystemHealthPage() {
  const api = useApi();
  const checks = useQuery(() => ({
    queryKey: ["system.connections"],
    queryFn: () => api.client.system.connections.query(),
    staleTime: 60_000,
  }));
  const providers = useQuery(() => ({
    queryKey: ["system.providers"],
    queryFn: () => api.client.system.providers.query(),
  }));
  return (
    <div class="page">
      <h1>System health</h1>
      <SystemNav />
      <section class="card" aria-labelledby="checks-title">
        <div class="section-head">
          <h2 id="checks-title">Connections</h2>
          <button type="button" disabled={checks.isFetching} onClick={() => void checks.refetch()}>
            {checks.isFetching ? "Checking…" : "Check again"}
          </button>
        </div>
        <Show
          when={checks.data}
          fallback={<p>{checks.isError ? errorMessage(checks.error) : "Checking the connections…"}</p>}
        >
          {(list) => (
            <ul class="health-checks" data-testid="health-checks">
              <For each={list()}>
                {(c) => (
                  <li class={`health-${c.status}`} data-check={c.id}>
                    <strong>
                      {MARK[c.status]} · {c.label}
                    </strong>
                    : {c.detail}
                    <Show when={c.advice}>{(advice) => <p class="health-advice">{advice()}</p>}</Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </section>
      <section class="card" aria-labelledby="providers-title">
        <h2 id="providers-title">Providers</h2>
        <Show
          when={providers.data}
          fallback={<p>{providers.isError ? errorMessage(providers.error) : "Loading…"}</p>}
        >
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">No download attempts yet.</p>}>
              <div class="table-scroll">
                <table class="providers" data-testid="providers">
                  <thead>
                    <tr>
                      <th scope="col">Hoster</th>
                      <th scope="col">Last result</th>
                      <th scope="col">Worked</th>
                      <th scope="col">Failed</th>
                      <th scope="col">Last failure</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(h) => (
                        <tr>
                          <td>{h.hoster}</td>
                          <td class={h.lastOk ? "health-ok" : "health-fail"}>
                            {h.lastOk ? "worked" : "failed"} · {new Date(h.lastAt).toLocaleString()}
                          </td>
                          <td>{h.successes}</td>
                          <td>{h.failures}</td>
                          <td>{h.lastError ?? "—"}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </section>
    </div>
  );
}
