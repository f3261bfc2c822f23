import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "../../server/cli/args.ts";
import { COMMANDS, DEFAULT_COMMAND } from "../../server/cli/commands.ts";
import { CONFIG_KEYS } from "../../server/config.ts";
import { tempDir } from "../helpers/temp-dir.ts";

/**
 * No Docker engine or systemd runs here, so this keeps the Dockerfile, compose.yaml and the systemd unit
 * honest against the app: every ANIWORLD_* variable they set exists, their command lines parse with the
 * real CLI, the ports agree, and the Dockerfile's command and health check work from source.
 */
const root = join(import.meta.dir, "..", "..");
const read = (f: string) => readFileSync(join(root, f), "utf8");
const ENV_NAMES = new Set(CONFIG_KEYS.map((k) => k.env));
const main = join(root, "server", "main.ts");

function dockerfile() {
  const text = read("Dockerfile").replace(/\\\n/g, " ");
  const final = text.slice(text.lastIndexOf("\nFROM "));
  const env: Record<string, string> = {};
  for (const line of final.split("\n").filter((l) => l.startsWith("ENV ")))
    for (const m of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
  const json = (instruction: string) => {
    const line = final.split("\n").find((l) => l.startsWith(`${instruction} `));
    const list = line && /\[.*\]/.exec(line)?.[0];
    return list ? (JSON.parse(list) as string[]) : [];
  };
  return {
    final,
    env,
    volumes: json("VOLUME"),
    entrypoint: json("ENTRYPOINT"),
    cmd: json("CMD"),
    healthcheck: json("HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD"),
    expose: /^EXPOSE (\d+)$/m.exec(final)?.[1],
    user: /^USER (\S+)$/m.exec(final)?.[1],
    copy: /^COPY --from=build \/src\/(\S+) (\S+)$/m.exec(final),
  };
}

test("Dockerfile: the executable on a slim base as a non-root user, volumes for data and library, /healthz check", () => {
  const d = dockerfile();
  expect(d.final).toMatch(/^FROM debian:\w+-slim$/m);
  expect(d.user).toBe("aniworld");
  expect(d.final).toContain("--uid 1000");
  // The build's output is what package.json calls the executable.
  expect(d.copy?.[1]).toBe(JSON.parse(read("package.json")).bin.aniworld);
  // On PATH in the image, so the entrypoint and the health check call it by name.
  expect(d.copy?.[2]).toBe("/usr/local/bin/aniworld");
  expect(d.entrypoint).toEqual(["aniworld"]);
  for (const name of Object.keys(d.env)) expect(ENV_NAMES).toContain(name);
  expect(d.env.ANIWORLD_HOST).toBe("0.0.0.0");
  expect(d.expose).toBe(d.env.ANIWORLD_PORT);
  expect(d.volumes.sort()).toEqual([d.env.ANIWORLD_DATA_DIR ?? "", d.env.ANIWORLD_LIBRARY ?? ""].sort());
  // The command and the health check are real commands with their flags and variables.
  const serve = parseArgs(d.cmd, d.env, COMMANDS, DEFAULT_COMMAND);
  expect(serve.command).toBe("serve");
  expect(serve.config).toMatchObject({ host: "0.0.0.0", port: 8000, dataDir: "/data", library: "/library" });
  expect(d.healthcheck.slice(0, 1)).toEqual(d.entrypoint);
  expect(parseArgs(d.healthcheck.slice(1), d.env, COMMANDS, DEFAULT_COMMAND).command).toBe("healthcheck");
});

test("the Dockerfile's command starts the app and its health check passes (from source, temp dirs for the volumes)", async () => {
  const d = dockerfile();
  const tmp = tempDir();
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = String(probe.port);
  await probe.stop(true);
  const env = {
    ...process.env,
    ...d.env,
    ANIWORLD_HOST: "127.0.0.1",
    ANIWORLD_PORT: port,
    ANIWORLD_DATA_DIR: join(tmp.path, "data"),
    ANIWORLD_LIBRARY: join(tmp.path, "library"),
  };
  const health = () =>
    Bun.spawnSync([process.execPath, main, ...d.healthcheck.slice(1)], {
      env,
      stdout: "pipe",
      stderr: "pipe",
    });
  expect(health().exitCode).toBe(1);
  const server = Bun.spawn([process.execPath, main, ...d.cmd], { env, stdout: "pipe", stderr: "pipe" });
  try {
    const reader = server.stdout.getReader();
    let out = "";
    while (!out.includes('"url"')) {
      const r = await reader.read();
      if (r.done) throw new Error(`the server exited: ${out}`);
      out += new TextDecoder().decode(r.value);
    }
    const ok = health();
    expect({ code: ok.exitCode, out: ok.stdout.toString().trim() }).toEqual({
      code: 0,
      out: `ok: http://127.0.0.1:${port}/healthz`,
    });
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    tmp.cleanup();
  }
});

test("compose.yaml: the app with FlareSolverr beside it, the URL wired in, ports and volumes matching the image", () => {
  const compose = Bun.YAML.parse(read("compose.yaml")) as {
    services: Record<
      string,
      {
        image?: string;
        build?: string;
        ports?: string[];
        environment?: Record<string, string>;
        volumes?: string[];
      }
    >;
  };
  const d = dockerfile();
  const app = compose.services.aniworld!;
  expect(app.build).toBe(".");
  for (const name of Object.keys(app.environment ?? {})) expect(ENV_NAMES).toContain(name);
  const flare = new URL(app.environment?.ANIWORLD_FLARESOLVERR_URL ?? "");
  expect(compose.services[flare.hostname]?.image).toMatch(/flaresolverr/);
  expect(flare.port).toBe("8191");
  expect(app.ports?.map((p) => p.split(":").pop())).toEqual([d.env.ANIWORLD_PORT]);
  expect(app.volumes?.map((v) => v.split(":")[1]).sort()).toEqual(d.volumes.sort());
  const env = { ...d.env, ...app.environment };
  expect(parseArgs(d.cmd, env, COMMANDS, DEFAULT_COMMAND).config).toMatchObject({
    flaresolverrUrl: "http://flaresolverr:8191",
  });
});

test("systemd unit: ExecStart parses with the real CLI, its variables exist, it writes only where the app writes and waits for the library's mount", () => {
  const unit = read("deploy/aniworld.service");
  const env: Record<string, string> = {};
  for (const m of unit.matchAll(/^Environment=(\w+)=(.*)$/gm)) env[m[1]!] = m[2]!;
  for (const m of unit.matchAll(/^#\s*Environment=(\w+)=/gm)) expect(ENV_NAMES).toContain(m[1]!);
  for (const name of Object.keys(env)) expect(ENV_NAMES).toContain(name);
  const exec = /^ExecStart=(\S+) (.*)$/m.exec(unit);
  expect(exec?.[1]).toBe("/usr/local/bin/aniworld");
  const parsed = parseArgs(exec?.[2]?.split(/\s+/) ?? [], env, COMMANDS, DEFAULT_COMMAND);
  expect(parsed.command).toBe("serve");
  expect(parsed.config.host).toBe("127.0.0.1");
  const state = /^StateDirectory=(\S+)$/m.exec(unit)?.[1];
  expect(parsed.config.dataDir).toBe(`/var/lib/${state}`);
  const writable = /^ReadWritePaths=(.*)$/m.exec(unit)?.[1]?.split(/\s+/);
  expect(writable?.sort()).toEqual([parsed.config.dataDir, parsed.config.library].sort());
  // It starts only once the library's file system is there: an unmounted share leaves an empty folder.
  expect(/^RequiresMountsFor=(\S+)$/m.exec(unit)?.[1]).toBe(parsed.config.library);
  expect(/^KillSignal=SIGTERM$/m.test(unit)).toBe(true);
});
