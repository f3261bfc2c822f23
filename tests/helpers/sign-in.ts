import { startTestServer, type TestServer } from "./test-server.ts";
/** What signing in needs of a server: its URL and the JSON log lines it printed (in-process or spawned). */
export interface SignInTarget {
  url: string;
  logs: string[];
}

export interface Credentials {
  username: string;
  password: string;
  /** `{ cookie }` for httpClient / fetch: the admin's browser session. */
  cookieHeaders: Record<string, string>;
  /** The raw session cookie pair, e.g. "aniworld_session=…". */
  cookie: string;
  /** An API key for the admin; `{ authorization: "Bearer …" }` in `apiKeyHeaders`, `{ apiKey }` for wsClient. */
  apiKey: string;
  apiKeyHeaders: Record<string, string>;
}

const signedIn = new WeakMap<SignInTarget, Promise<Credentials>>();

/** The newest setup token the server logged (`setupToken` field of the JSON log line). */
export function setupTokenFromLogs(server: SignInTarget): string {
  for (const line of [...server.logs].reverse()) {
    const record = JSON.parse(line) as { setupToken?: unknown };
    if (typeof record.setupToken === "string") return record.setupToken;
  }
  throw new Error("the server logged no setup token");
}

/** POSTs a tRPC mutation and returns the raw response (so tests can read Set-Cookie and status). */
export function postMutation(
  server: SignInTarget,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
}

/** The `name=value` part of the session cookie a response sets, or null. */
export function sessionCookieFrom(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(";")[0] ?? "";
    if (/^(__Host-)?aniworld_session=./.test(pair)) return pair;
  }
  return null;
}

/**
 * Creates the admin through the real setup flow (token from the log) once per server and returns a
 * session cookie and an API key for authed calls. The password is random per run: no fixed credentials.
 */
export function signIn(server: SignInTarget): Promise<Credentials> {
  let pending = signedIn.get(server);
  if (!pending) {
    pending = createAdmin(server);
    signedIn.set(server, pending);
  }
  return pending;
}

async function createAdmin(server: SignInTarget): Promise<Credentials> {
  const username = "admin";
  const password = `test-${crypto.randomUUID()}`;
  const res = await postMutation(server, "auth.setup", {
    token: setupTokenFromLogs(server),
    username,
    password,
  });
  if (res.status !== 200) throw new Error(`auth.setup failed: ${res.status} ${await res.text()}`);
  const cookie = sessionCookieFrom(res);
  if (!cookie) throw new Error("auth.setup set no session cookie");
  const keyRes = await postMutation(server, "auth.apiKeys.create", { name: "tests" }, { cookie });
  const body = (await keyRes.json()) as { result?: { data?: { key?: string } } };
  const apiKey = body.result?.data?.key;
  if (!apiKey) throw new Error(`auth.apiKeys.create failed: ${JSON.stringify(body)}`);
  return {
    username,
    password,
    cookie,
    cookieHeaders: { cookie },
    apiKey,
    apiKeyHeaders: { authorization: `Bearer ${apiKey}` },
  };
}

/** A test server (see startTestServer) whose admin is signed in. */
export async function startSignedInServer(
  ...args: Parameters<typeof startTestServer>
): Promise<{ server: TestServer; creds: Credentials }> {
  const server = await startTestServer(...args);
  return { server, creds: await signIn(server) };
}
