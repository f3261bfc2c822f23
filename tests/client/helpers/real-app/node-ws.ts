/**
 * The `ws` package by its file: under happy-dom, vitest resolves with the "browser" condition, which names
 * the package's stub; happy-dom's own WebSocket gets that stub too and cannot connect.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Ws from "ws";

const require = createRequire(import.meta.url);
export const nodeWs = require(join(dirname(require.resolve("ws/package.json")), "index.js")) as typeof Ws;

/** A real WebSocket client with the browser's API, for the page under test to use as `WebSocket`. */
export const BrowserWebSocket = nodeWs.WebSocket;
