import { For, Show } from "solid-js";
import { SystemNav } from "../components/section-navs.tsx";
import { errorMessage } from "../lib/error-message.ts";
import { useRunTask, useTasks } from "../lib/system-queries.ts";

const when = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString() : "–");

/** Scheduled jobs: what they did last, when they run next, and "Run now". */
export function SystemTasksPage() {
  const tasks = useTasks();
  const run = useRunTask();
  return (
    <section class="page" aria-labelledby="tasks-title">
      <h1 id="tasks-title">Tasks</h1>
      <SystemNav />
      <Show when={tasks.data} fallback={<p>{tasks.isError ? errorMessage(tasks.error) : "Loading…"}</p>}>
        <div class="table-scroll">
          <table class="dense" data-testid="tasks">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Interval</th>
                <th scope="col">Last run</th>
                <th scope="col">Result</th>
                <th scope="col">Next run</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={tasks.data}>
                {(t) => (
                  <tr data-testid={`task-${t.name}`}>
                    <th scope="row">{t.label}</th>
                    <td>{t.intervalMinutes > 0 ? `every ${t.intervalMinutes} min` : "on demand"}</td>
                    <td>{when(t.lastRun?.startedAt)}</td>
                    <td classList={{ "series-failed": t.lastRun?.ok === false }}>
                      {t.running ? "running…" : (t.lastRun?.summary ?? "not run yet")}
                    </td>
                    <td>{when(t.nextRunAt)}</td>
                    <td>
                      <button
                        type="button"
                        disabled={t.running || run.isPending}
                        onClick={() => run.mutate(t.name)}
                        aria-label={`Run ${t.label} now`}
                      >
                        Run now
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
