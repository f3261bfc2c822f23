import type { Health } from "../../shared/system.ts";
import { APP_VERSION } from "../version.ts";

/** The public health answer of /healthz and system.health: no secrets. */
export function healthOf(startedAt: number): Health {
  return { status: "ok", version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
}
