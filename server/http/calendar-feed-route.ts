import type { Context } from "hono";
import type { ApiKeyService } from "../auth/api-key-service.ts";
import type { ActivityService } from "../downloads/activity-service.ts";
import { calendarFeed } from "../downloads/calendar-feed.ts";
import type { AppEnv } from "./app.ts";

const PLAUSIBLE_KEY = /^[a-z0-9_]{16,80}$/;
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * GET /feed/calendar.ics?apikey=KEY — monitored series' episodes from 30 days back to 120 ahead, for
 * calendar apps, which cannot send headers: the API key rides in the URL (the request log records the
 * path only, never the query).
 */
export function calendarFeedRoute(deps: { apiKeys: ApiKeyService; activity: ActivityService }) {
  return (c: Context<AppEnv>): Response => {
    const key = c.req.query("apikey") ?? "";
    const owner = PLAUSIBLE_KEY.test(key) ? deps.apiKeys.authenticate(key) : null;
    if (!owner)
      return c.text("an API key is needed: /feed/calendar.ics?apikey=KEY (create one under API keys)", 401);
    const now = Date.now();
    const episodes = deps.activity.calendar({
      from: isoDay(now - 30 * DAY_MS),
      to: isoDay(now + 120 * DAY_MS),
      monitoredOnly: true,
    });
    return new Response(calendarFeed(episodes, new URL(c.req.url).hostname, now), {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "cache-control": "private, no-store",
      },
    });
  };
}
