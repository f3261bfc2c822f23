import { createContext, type ParentProps, useContext } from "solid-js";
import { createStore } from "solid-js/store";

export type ToastKind = "info" | "success" | "error";

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

export interface ToastStore {
  readonly toasts: readonly Toast[];
  push(kind: ToastKind, text: string): number;
  dismiss(id: number): void;
}

/**
 * The toast queue. Toasts disappear after `lifetimeMs` (errors stay twice as long); at most `max` are
 * shown, the oldest go first. Text only: toasts often quote catalogue titles.
 */
export function createToastStore(options: { lifetimeMs?: number; max?: number } = {}): ToastStore {
  const lifetime = options.lifetimeMs ?? 5_000;
  const max = options.max ?? 5;
  const [state, setState] = createStore<{ toasts: Toast[] }>({ toasts: [] });
  let nextId = 1;
  const store: ToastStore = {
    get toasts() {
      return state.toasts;
    },
    push(kind, text) {
      const id = nextId++;
      setState("toasts", (list) => [...list, { id, kind, text }].slice(-max));
      if (lifetime > 0) setTimeout(() => store.dismiss(id), kind === "error" ? lifetime * 2 : lifetime);
      return id;
    },
    dismiss(id) {
      setState("toasts", (list) => list.filter((t) => t.id !== id));
    },
  };
  return store;
}

const ToastContext = createContext<ToastStore>();

export function ToastProvider(props: ParentProps<{ store?: ToastStore }>) {
  const store = props.store ?? createToastStore();
  return <ToastContext.Provider value={store}>{props.children}</ToastContext.Provider>;
}

export function useToasts(): ToastStore {
  const store = useContext(ToastContext);
  if (!store) throw new Error("useToasts outside ToastProvider");
  return store;
}
