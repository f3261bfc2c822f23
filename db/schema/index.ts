export * from "./auth.ts";
export * from "./connections.ts";
export * from "./downloads.ts";
export * from "./episodes.ts";
export * from "./library-state.ts";
export * from "./series.ts";
export * from "./system.ts";
