/** Human-readable figures and messages for the UI. Pure, so they are tested without a DOM. */

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number | null | undefined): string {
  if (!bytesPerSecond || bytesPerSecond <= 0) return "–";
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Seconds left at the current speed, or null when it cannot be known. */
export function etaSeconds(done: number, total: number | null, bytesPerSecond: number): number | null {
  if (!total || bytesPerSecond <= 0 || done >= total) return null;
  return (total - done) / bytesPerSecond;
}

export function formatYears(start: number | null | undefined, end: number | null | undefined): string {
  if (!start) return "";
  if (end === undefined) return String(start);
  if (end === null) return `${start}–`;
  return end === start ? String(start) : `${start}–${end}`;
}

/** 0..1 from done/total, clamped; null when the total is unknown. */
export function fraction(done: number, total: number | null | undefined): number | null {
  if (!total || total <= 0) return null;
  return Math.min(1, Math.max(0, done / total));
}
