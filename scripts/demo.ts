/**
 * `bun run demo`: the whole app offline. Starts the stand-in catalogue, TMDB and hoster servers on
 * loopback, seeds the TMDB key setting in a fresh temporary data dir, builds the web app if needed, starts `bun server/main.ts` pointed at all of it,
 * and prints exactly three lines on stdout: `url: …`, `token: …`, `library: …`. Ctrl-C stops everything.
 *
 * The TMDB key is a setting (not config): it is written into the new database before the app starts.
 * ANIWORLD_DEMO_NO_BUILD=1 skips building the web app (tests); the app log goes to <temp>/app.log.
 * `bun run demo --webhook` also starts a webhook receiver stand-in, adds it as a connection (every
 * notification event), and prints each notification it receives on stderr.
 * `--blocked`: the catalogue answers with a DDoS-Guard challenge until the FlareSolverr stand-in (its URL is
 * printed on stderr) is set in Settings → Connections. `--real-markup`: the catalogue's pages look like
 * the live site's (lazy images, pages without a language box).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../db/connection.ts";
import { ConnectionRepository } from "../db/repositories/connection-repository.ts";
import { SettingsService } from "../server/settings/settings-service.ts";
import { NOTIFICATION_EVENTS } from "../shared/connections.ts";
import { startCatalogueServer } from "./stand-ins/catalogue-server.ts";
import { startFlareSolverrServer } from "./stand-ins/flaresolverr-server.ts";
import { startHosterServer } from "./stand-ins/hoster-server.ts";
import { startReceiver } from "./stand-ins/receivers.ts";
import { startTmdbServer } from "./stand-ins/tmdb-server.ts";

const root = join(import.meta.dir, "..");
const DEMO_TMDB_KEY = "0123456789abcdef0123456789abcdef";
const TOKEN_WAIT_MS = 3_000;

const blocked = process.argv.includes("--blocked");
const realMarkup = process.argv.includes("--real-markup");
const temp = mkdtempSync(join(tmpdir(), "aniworld-demo-"));
const dataDir = join(temp, "data");
const library = join(temp, "library");
const hoster = await startHosterServer();
const catalogue = startCatalogueServer({
  hosterBaseUrl: hoster.url,
  challenge: blocked,
  markup: realMarkup ? "real" : "classic",
});
// With --blocked the catalogue answers like DDoS-Guard until a FlareSolverr URL is set in Settings → Connections.
const solver = blocked ? startFlareSolverrServer(catalogue.gate) : null;
const tmdb = startTmdbServer({ apiKey: DEMO_TMDB_KEY, series: catalogue.series });
const webhook = process.argv.includes("--webhook")
  ? startReceiver("webhook", {
      onReceive: (r) => console.error(`webhook received: ${JSON.stringify(r.body)}`),
    })
  : null;

const db = openDatabase(dataDir);
// The stand-ins are local: no need for the gentle 1 request/s the real catalogue gets.
new SettingsService(db.db).update({ tmdbApiKey: DEMO_TMDB_KEY, catalogRatePerSecond: 20 });
if (webhook)
  new ConnectionRepository(db.db).create(
    {
      name: "Demo webhook (prints to this terminal)",
      kind: "webhook",
      enabled: true,
      settings: {
        url: webhook.url,
        username: "",
        topic: "",
        events: [...NOTIFICATION_EVENTS],
        pathMappings: [],
      },
    },
    webhook.secret,
  );
db.close();

if (!existsSync(join(root, "dist", "client", "index.html")) && process.env.ANIWORLD_DEMO_NO_BUILD !== "1") {
  console.error("building the web app (first run only)…");
  const build = Bun.spawn([process.execPath, "run", "build:client"], {
    cwd: root,
    stdout: "ignore",
    stderr: "inherit",
  });
  if ((await build.exited) !== 0) console.error("the web app did not build; the API still works");
}

const logFile = Bun.file(join(temp, "app.log")).writer();
const app = Bun.spawn([process.execPath, join(root, "server", "main.ts")], {
  cwd: root,
  stdout: "pipe",
  stderr: "inherit",
  env: {
    ...process.env,
    ANIWORLD_HOST: "127.0.0.1",
    ANIWORLD_PORT: process.env.ANIWORLD_PORT ?? "0",
    ANIWORLD_DATA_DIR: dataDir,
    ANIWORLD_LIBRARY: library,
    ANIWORLD_ALLOW_PRIVATE_HOSTS: "1",
    ANIWORLD_CATALOG_URL: catalogue.url,
    // The connection check (System → Health) tries the hoster stand-in, never the internet.
    ANIWORLD_HOSTER_URLS: hoster.url,
    ANIWORLD_TMDB_URL: tmdb.apiUrl,
    ANIWORLD_TMDB_IMAGE_URL: tmdb.imageUrl,
  },
});

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    app.kill("SIGINT");
    await Promise.race([app.exited, Bun.sleep(4000)]);
    app.kill("SIGKILL");
    await Promise.all([catalogue.stop(), tmdb.stop(), hoster.stop(), solver?.stop(), webhook?.stop()]);
    await logFile.end();
    console.error(`demo stopped; its files are in ${temp}`);
  }
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

let url: string | null = null;
let token: string | null = null;
let printed = false;
let urlSeenAt = 0;

function printOnce(): void {
  if (printed || !url) return;
  if (!token && Date.now() - urlSeenAt < TOKEN_WAIT_MS) return;
  printed = true;
  console.log(`url: ${url}`);
  console.log(`token: ${token ?? "(setup not available yet)"}`);
  console.log(`library: ${library}`);
  console.error(
    `catalogue stand-in ${catalogue.url}, TMDB stand-in ${tmdb.url}; app log ${join(temp, "app.log")}; Ctrl-C stops everything`,
  );
  if (webhook) console.error(`webhook receiver ${webhook.url}: notifications are printed here`);
  if (solver)
    console.error(
      `the catalogue is blocking (--blocked): set the FlareSolverr URL ${solver.url} in Settings → Connections`,
    );
}

/** Reads the app's JSON log lines: "aniworld started" carries the URL, the setup line the token. */
function readLine(line: string): void {
  logFile.write(`${line}\n`);
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return;
  }
  if (!url && record.msg === "aniworld started" && typeof record.url === "string") {
    url = record.url.replace(/\/$/, "");
    urlSeenAt = Date.now();
  }
  if (typeof record.setupToken === "string") token = record.setupToken;
}

const ticker = setInterval(printOnce, 100);
void app.exited.then((code) => {
  clearInterval(ticker);
  if (!stopping) {
    console.error(`the app exited (code ${code})`);
    void stopAll(code || 1);
  }
});

const decoder = new TextDecoder();
let buffer = "";
const reader = app.stdout.getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) {
  buffer += decoder.decode(r.value, { stream: true });
  for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
    readLine(buffer.slice(0, nl));
    buffer = buffer.slice(nl + 1);
  }
  printOnce();
}
