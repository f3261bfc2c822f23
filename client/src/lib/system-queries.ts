import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type { TaskName } from "../../../shared/system.ts";
import { useApi } from "./api-context.tsx";
import { errorMessage } from "./error-message.ts";
import { useToasts } from "./toasts.tsx";

export const SYSTEM_INFO_KEY = ["system.info"] as const;
export const HEALTH_KEY = ["system.health"] as const;
export const LOGS_KEY = ["system.recentLogs"] as const;
export const TASKS_KEY = ["system.tasks"] as const;

export function useSystemInfo() {
  const api = useApi();
  return useQuery(() => ({ queryKey: SYSTEM_INFO_KEY, queryFn: () => api.client.system.info.query() }));
}

export function useHealth() {
  const api = useApi();
  return useQuery(() => ({ queryKey: HEALTH_KEY, queryFn: () => api.client.system.health.query() }));
}

export function useRecentLogs() {
  const api = useApi();
  return useQuery(() => ({ queryKey: LOGS_KEY, queryFn: () => api.client.system.recentLogs.query() }));
}

/** The scheduled tasks; refreshed every few seconds while a task runs, so "running" turns into a result. */
export function useTasks() {
  const api = useApi();
  return useQuery(() => ({
    queryKey: TASKS_KEY,
    queryFn: () => api.client.system.tasks.query(),
    refetchInterval: (q) => (q.state.data?.some((t) => t.running) ? 1000 : false),
  }));
}

export function useRunTask() {
  const api = useApi();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  return useMutation(() => ({
    mutationFn: (name: TaskName) => api.client.system.runTask.mutate({ name }),
    onSuccess: (tasks) => {
      queryClient.setQueryData(TASKS_KEY, tasks);
      toasts.push("info", "Task started.");
    },
    onError: (error) => toasts.push("error", `Could not start the task: ${errorMessage(error)}`),
  }));
}
