/** Milliseconds since the epoch. Injected so tests can move time (throttle windows, session expiry). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
