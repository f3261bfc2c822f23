/**
 * Runs the hoster stand-in as its own process (bench, demo): prints `{"url": …}` on one line, then serves
 * until stdin closes or SIGTERM. `--size BYTES` sets the size of every direct media file.
 */
import { startHosterServer } from "./hoster-server.ts";

const sizeArg = process.argv.indexOf("--size");
const size = sizeArg === -1 ? 0 : Number(process.argv[sizeArg + 1]);
const server = await startHosterServer(size > 0 ? { mediaSize: () => size } : {});
console.log(JSON.stringify({ url: server.url }));
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();
