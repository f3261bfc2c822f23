/** Child process for the SIGKILL test: downloads argv[2] into argv[3] until killed. */
import { transferFile } from "../../../../server/downloads/transfer/file-transfer.ts";
import { TokenBucket } from "../../../../server/lib/token-bucket.ts";
import { loopbackNet } from "../../../helpers/outbound.ts";

const LOOPBACK_NET = loopbackNet();

const [url, partPath] = process.argv.slice(2);
await transferFile({
  url: url!,
  headers: {},
  partPath: partPath!,
  signal: new AbortController().signal,
  net: LOOPBACK_NET,
  bucket: new TokenBucket(0),
  stallMs: 10_000,
  keepFreeBytes: 0,
  onProgress: (p) => console.log(JSON.stringify(p)),
});
console.log("done");
