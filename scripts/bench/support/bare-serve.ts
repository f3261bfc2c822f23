/**
 * The start group's baseline, compiled into its own executable by the bench: the least a Bun program can
 * do to answer /healthz. Usage: bare-serve --port N
 */
const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
Bun.serve({ hostname: "127.0.0.1", port, fetch: () => new Response("ok") });
