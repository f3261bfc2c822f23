import { join } from "node:path";

/** The bytecode layout profile the build uses when present (recorded by record-bytecode-order.ts). */
export const BYTECODE_ORDER_FILE = join(import.meta.dir, "aniworld.order");
