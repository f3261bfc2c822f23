import { useSearchParams } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { episodeCode } from "../../../shared/naming.ts";
import { StaleBadge } from "../components/stale-badge.tsx";
import { type CalendarEntry, useCalendar } from "../lib/activity-queries.ts";
import {
  CALENDAR_VIEWS,
  type CalendarView,
  dayLabel,
  daysBetween,
  isDay,
  monthLabel,
  shiftAnchor,
  todayDay,
  viewRange,
} from "../lib/calendar-range.ts";
import { errorMessage } from "../lib/error-message.ts";

const VIEW_TEXT: Record<CalendarView, string> = { week: "Week", month: "Month", agenda: "Agenda" };
const code = (e: CalendarEntry) => episodeCode(e.season, e.episode);

/** Episodes of monitored series by air date: a week, a month, or an agenda list; plus the iCal feed. */
export function CalendarPage() {
  const [params, setParams] = useSearchParams<{ view?: string; date?: string }>();
  const view = (): CalendarView =>
    (CALENDAR_VIEWS as readonly string[]).includes(params.view ?? "")
      ? (params.view as CalendarView)
      : "week";
  const anchor = () => (isDay(params.date) ? params.date : todayDay());
  const range = createMemo(() => viewRange(view(), anchor()));
  const calendar = useCalendar(() => ({ ...range(), monitoredOnly: true }));
  const byDay = createMemo(() => {
    const map = new Map<string, CalendarEntry[]>();
    for (const e of calendar.data ?? []) {
      const day = (e.airDate ?? "").slice(0, 10);
      map.set(day, [...(map.get(day) ?? []), e]);
    }
    return map;
  });
  const days = createMemo(() => daysBetween(range().from, range().to));
  const today = todayDay();

  return (
    <section class="page" aria-labelledby="calendar-title">
      <div class="section-head">
        <h1 id="calendar-title">
          Calendar <StaleBadge query={calendar} />
        </h1>
      </div>
      <div class="toolbar" role="toolbar" aria-label="Calendar view">
        <For each={CALENDAR_VIEWS}>
          {(v) => (
            <button type="button" aria-pressed={view() === v} onClick={() => setParams({ view: v })}>
              {VIEW_TEXT[v]}
            </button>
          )}
        </For>
        <button type="button" onClick={() => setParams({ date: shiftAnchor(view(), anchor(), -1) })}>
          Previous
        </button>
        <button type="button" onClick={() => setParams({ date: undefined })}>
          Today
        </button>
        <button type="button" onClick={() => setParams({ date: shiftAnchor(view(), anchor(), 1) })}>
          Next
        </button>
        <strong aria-live="polite" data-testid="calendar-range">
          {view() === "month" ? monthLabel(anchor()) : `${dayLabel(range().from)} – ${dayLabel(range().to)}`}
        </strong>
      </div>
      <Show
        when={calendar.data}
        fallback={<p>{calendar.isError ? errorMessage(calendar.error) : "Loading…"}</p>}
      >
        <Show
          when={view() !== "agenda"}
          fallback={
            <ol class="agenda" data-testid="agenda">
              <For
                each={days().filter((d) => byDay().has(d))}
                fallback={<li class="muted">No episodes air in these weeks.</li>}
              >
                {(d) => (
                  <li>
                    <h2 classList={{ today: d === today }}>{dayLabel(d)}</h2>
                    <EntryList entries={byDay().get(d) ?? []} />
                  </li>
                )}
              </For>
            </ol>
          }
        >
          <Show when={(calendar.data ?? []).length === 0}>
            <p class="muted" data-testid="calendar-empty">
              No episodes of monitored series air in these days.
            </p>
          </Show>
          <ol class="calendar-grid" classList={{ month: view() === "month" }} data-testid="calendar-grid">
            <For each={days()}>
              {(d) => (
                <li
                  classList={{
                    today: d === today,
                    outside: view() === "month" && d.slice(0, 7) !== anchor().slice(0, 7),
                  }}
                >
                  <span class="calendar-day">{dayLabel(d)}</span>
                  <EntryList entries={byDay().get(d) ?? []} />
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
      <details class="card">
        <summary>Subscribe in a calendar app</summary>
        <p>
          Add <code>{`${window.location.origin}/feed/calendar.ics?apikey=YOUR_KEY`}</code> as a calendar
          subscription, with a key from <a href="/account/api-keys">API keys</a>. It lists monitored series'
          episodes from a month back to four months ahead.
        </p>
      </details>
    </section>
  );
}

function EntryList(props: { entries: CalendarEntry[] }) {
  return (
    <ul class="calendar-entries">
      <For each={props.entries}>
        {(e) => (
          <li classList={{ "on-disk": e.onDisk }} data-testid="calendar-entry">
            <a href={`/series/${e.seriesId}`}>{e.seriesTitle}</a> {code(e)}
            <Show when={e.title}>
              <span class="muted"> {e.title}</span>
            </Show>
            <span class="visually-hidden">{e.onDisk ? " (on disk)" : " (not downloaded)"}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
