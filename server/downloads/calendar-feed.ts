import type { EpisodeListing } from "../../shared/activity.ts";
import { episodeCode } from "../../shared/naming.ts";

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped; control characters dropped. */
function icsText(text: string): string {
  return (
    text
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const ch of line) {
    if (encoder.encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
    }
    current += ch;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const day = (iso: string) => iso.slice(0, 10).replace(/-/g, "");

/** The episodes as an iCalendar feed of all-day events, one per episode (stable UIDs, so updates replace). */
export function calendarFeed(episodes: readonly EpisodeListing[], host: string, now = Date.now()): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Aniworld//Calendar//EN", "CALSCALE:GREGORIAN"];
  lines.push("X-WR-CALNAME:Aniworld");
  for (const e of episodes) {
    if (!e.airDate || !/^\d{4}-\d{2}-\d{2}/.test(e.airDate)) continue;
    const start = day(e.airDate);
    const next = new Date(`${e.airDate.slice(0, 10)}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const code = episodeCode(e.season, e.episode);
    lines.push(
      "BEGIN:VEVENT",
      `UID:episode-${e.episodeId}@${host}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${day(next.toISOString())}`,
      `SUMMARY:${icsText(`${e.seriesTitle} ${code}${e.title ? ` – ${e.title}` : ""}`)}`,
      `DESCRIPTION:${icsText(e.onDisk ? "On disk" : "Not downloaded yet")}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
