import type { Context, Principal, RequestInfo } from "./context.ts";
import type { Services } from "./services.ts";

/** Resolves who is calling from cookies, Authorization header or WebSocket connectionParams. */
export type Authenticate = (request: RequestInfo) => Promise<Principal | null>;

export function makeCreateContext(services: Services, authenticate: Authenticate) {
  return async (request: RequestInfo): Promise<Context> => ({
    services,
    request,
    principal: await authenticate(request),
  });
}
