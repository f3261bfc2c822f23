import { SubNav } from "./sub-nav.tsx";

export const SYSTEM_PAGES = [
  { href: "/system", label: "Status" },
  { href: "/system/health", label: "Health" },
  { href: "/system/tasks", label: "Tasks" },
  { href: "/system/logs", label: "Logs" },
] as const;

export const ACTIVITY_PAGES = [
  { href: "/activity", label: "Queue" },
  { href: "/activity/history", label: "History" },
] as const;

export function SystemNav() {
  return <SubNav label="System" items={SYSTEM_PAGES} />;
}

export function ActivityNav() {
  return <SubNav label="Activity" items={ACTIVITY_PAGES} />;
}
