import { createSignal } from "solid-js";

/** The library page's selected series ids (kept across windows, filters and views until cleared). */
export interface Selection {
  has: (id: number) => boolean;
  set: (id: number, selected: boolean) => void;
  add: (ids: readonly number[]) => void;
  ids: () => number[];
  size: () => number;
  clear: () => void;
}

export function createSelection(): Selection {
  const [ids, setIds] = createSignal<ReadonlySet<number>>(new Set());
  return {
    has: (id) => ids().has(id),
    set: (id, selected) =>
      setIds((prev) => {
        if (prev.has(id) === selected) return prev;
        const next = new Set(prev);
        if (selected) next.add(id);
        else next.delete(id);
        return next;
      }),
    add: (more) => setIds((prev) => new Set([...prev, ...more])),
    ids: () => [...ids()],
    size: () => ids().size,
    clear: () => setIds(new Set()),
  };
}
