import { describe, expect, test } from "bun:test";
import { parseArgs, UsageError } from "../../../server/cli/args.ts";
import { COMMANDS, DEFAULT_COMMAND } from "../../../server/cli/commands.ts";

const parse = (argv: string[], env: Record<string, string> = {}) =>
  parseArgs(argv, env, COMMANDS, DEFAULT_COMMAND);

describe("command line", () => {
  test("defaults: serve on 127.0.0.1:8000 with ./data", () => {
    const p = parse([]);
    expect(p.command).toBe("serve");
    expect(p.config.host).toBe("127.0.0.1");
    expect(p.config.port).toBe(8000);
    expect(p.config.dataDir).toBe(`${process.cwd()}/data`);
    expect(p.config.library).toBe(`${process.cwd()}/data/library`);
  });

  test("flags in both forms, and flags win over ANIWORLD_* variables", () => {
    const p = parse(["serve", "--port=9001", "--host", "0.0.0.0", "--data-dir", "/tmp/x"], {
      ANIWORLD_PORT: "7000",
      ANIWORLD_LIBRARY: "/srv/anime",
    });
    expect(p.config.port).toBe(9001);
    expect(p.config.host).toBe("0.0.0.0");
    expect(p.config.dataDir).toBe("/tmp/x");
    expect(p.config.library).toBe("/srv/anime");
  });

  test("environment variables are read for every setting", () => {
    const p = parse([], {
      ANIWORLD_PORT: "7000",
      ANIWORLD_CATALOG_URL: "http://127.0.0.1:9/",
      ANIWORLD_TRUST_PROXY: "yes",
      ANIWORLD_ALLOWED_ORIGINS: "https://a.example, https://b.example",
    });
    expect(p.config.port).toBe(7000);
    expect(p.config.catalogUrl).toBe("http://127.0.0.1:9/");
    expect(p.config.trustProxy).toBe(true);
    expect(p.config.allowedOrigins).toEqual(["https://a.example", "https://b.example"]);
  });

  test.each([
    [["--bogus"], /unknown option --bogus/],
    [["--port", "abc"], /--port must be a whole number/],
    [["--port", "70000"], /--port/],
    [["--port"], /--port needs a value/],
    [["--port", "--host"], /--port needs a value/],
    [["--log-level", "loud"], /--log-level: must be one of/],
    [["--catalog-url", "not a url"], /--catalog-url: must be a URL/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["serve", "extra"], /unexpected argument "extra"/],
  ])("%p is rejected with a clear message", (argv, message) => {
    expect(() => parse(argv)).toThrow(UsageError);
    expect(() => parse(argv)).toThrow(message);
  });

  test("a bad environment value names the variable", () => {
    expect(() => parse([], { ANIWORLD_PORT: "eighty" })).toThrow(/ANIWORLD_PORT must be a whole number/);
  });
});
