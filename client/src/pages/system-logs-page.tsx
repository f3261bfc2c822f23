import { createMemo, createSignal, For, Show } from "solid-js";
import { SystemNav } from "../components/section-navs.tsx";
import { errorMessage } from "../lib/error-message.ts";
import { clockTime, filterLogLines, LOG_LEVELS, type LogLevel, parseLogLine } from "../lib/log-lines.ts";
import { useRecentLogs } from "../lib/system-queries.ts";

/** The server's recent log lines, newest first, as readable rows with a level filter. */
export function SystemLogsPage() {
  const logs = useRecentLogs();
  const [level, setLevel] = createSignal<LogLevel>("info");
  const lines = createMemo(() => filterLogLines((logs.data ?? []).map(parseLogLine), level()));
  return (
    <section class="page" aria-labelledby="logs-title">
      <h1 id="logs-title">Logs</h1>
      <SystemNav />
      <div class="toolbar">
        <label class="field">
          <span>Show from level</span>
          <select value={level()} onChange={(e) => setLevel(e.currentTarget.value as LogLevel)}>
            <For each={LOG_LEVELS}>{(l) => <option value={l}>{l}</option>}</For>
          </select>
        </label>
        <button type="button" onClick={() => void logs.refetch()}>
          Refresh
        </button>
      </div>
      <Show when={logs.data} fallback={<p>{logs.isError ? errorMessage(logs.error) : "Loading…"}</p>}>
        <p class="muted" aria-live="polite">
          {lines().length} lines
        </p>
        <ul class="log-lines" data-testid="log-lines">
          <For each={lines()} fallback={<li>No log lines at this level.</li>}>
            {(line) => (
              <li class={`log-line log-${line.level}`}>
                <time datetime={line.time}>{clockTime(line.time)}</time>{" "}
                <span class="log-level">{line.level}</span> <span class="log-message">{line.message}</span>{" "}
                <span class="muted">{line.fields}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
