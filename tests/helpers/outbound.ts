import { createHttpClient } from "../../server/providers/http/http-client.ts";
import { TokenBucketLimiter } from "../../server/providers/http/rate-limiter.ts";
import { type NetworkConfig, NO_NETWORK_CONFIG, Outbound } from "../../server/providers/net/outbound.ts";

/** The outbound layer as the tests that use loopback stand-ins need it: private addresses allowed. */
export function loopbackNet(extra: Partial<NetworkConfig> = {}): Outbound {
  return new Outbound({ ...NO_NETWORK_CONFIG, allowPrivateHosts: true, ...extra });
}

/** An unlimited HTTP client over `loopbackNet()` (hoster extractors, the download queue). */
export function loopbackHttp(extra: Partial<NetworkConfig> = {}) {
  return createHttpClient({ limiter: new TokenBucketLimiter(), net: loopbackNet(extra), timeoutMs: 5_000 });
}
