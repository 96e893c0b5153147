/**
 * Loads the compiler (pipeline.ts) when a build misses the cache. bin/spyc.mjs may install a
 * loader (under COMPILER_LOADER) that runs build/bundle/compiler.cjs with a V8 code cache
 * (bin/codecache.mjs), which skips most of the compiler's parsing and lazy compilation on a
 * cold build. That bundle leaves out the modules below, which the CLI has already loaded, and
 * takes them from here: one InternalError class (buildCommand's `instanceof`), one timing
 * module. bin/build-js.mjs reads SHARED_WITH_CLI and refuses to emit compiler.cjs when the
 * compiler would carry its own copy of any other module the CLI loads. No loader, or one that
 * fails: the ES module import, as before.
 */
import * as diagTypes from "../diag/types.ts";
import * as source from "../syntax/source.ts";
import * as timing from "./timing.ts";
import * as dumpStages from "./dumpStages.ts";

type Pipeline = typeof import("./pipeline.ts");

/** keyed by path under src/, as compiled (.js) */
export const SHARED_WITH_CLI: Readonly<Record<string, object>> = {
  "diag/types.js": diagTypes,
  "syntax/source.js": source,
  "driver/timing.js": timing,
  "driver/dumpStages.js": dumpStages,
};

export const COMPILER_LOADER = Symbol.for("spyc.compilerLoader");

export async function loadCompiler(): Promise<Pipeline> {
  const loader = (globalThis as { [COMPILER_LOADER]?: (shared: typeof SHARED_WITH_CLI) => Promise<Pipeline | null> })[COMPILER_LOADER];
  return (await loader?.(SHARED_WITH_CLI).catch(() => null)) ?? (await import("./pipeline.ts"));
}
