import type { StoredEvent } from "../../shared/events.ts";

export type EventListener = (stored: StoredEvent) => void;

/**
 * The in-process bus: persisted events are handed to every listener synchronously, in id order, right
 * after their transaction commits (no polling). A throwing listener never stops the others.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(stored: StoredEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(stored);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
