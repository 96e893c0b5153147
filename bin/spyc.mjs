#!/usr/bin/env node
// Entry point of the `spyc` command. Runs the JavaScript that the install step compiled into
// build/ (bin/build-js.mjs) when it is up to date with src/; otherwise (no build/, or src/ edited
// since) it runs the TypeScript sources through tsx, which is slower to start but always current.
// SPYC_USE_TSX=1 forces the TypeScript sources; SPYC_CODE_CACHE=0 turns the compiler's code cache off.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sourceFingerprint } from "./freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const compiled = path.join(root, "build", "src", "cli.js");

function compiledIsCurrent() {
  if (process.env.SPYC_USE_TSX === "1" || !existsSync(compiled)) return false;
  const src = path.join(root, "src");
  if (!existsSync(src)) return true; // an installed package ships build/ only
  try {
    const stamp = JSON.parse(readFileSync(path.join(root, "build", "stamp.json"), "utf8"));
    return stamp.fingerprint === sourceFingerprint(src);
  } catch {
    return false;
  }
}

// build/bundle/cli.js is the same code bundled (bin/build-js.mjs): it loads in a third of the time
const bundled = path.join(root, "build", "bundle", "cli.js");
if (compiledIsCurrent()) {
  // the compiler, when a build needs it, from build/bundle/compiler.cjs with a V8 code cache
  // (bin/codecache.mjs, src/driver/loadCompiler.ts), written once the command has run
  let saveCodeCache = null;
  const compilerCjs = path.join(root, "build", "bundle", "compiler.cjs");
  if (existsSync(bundled) && process.env.SPYC_CODE_CACHE !== "0" && existsSync(compilerCjs)) {
    globalThis[Symbol.for("spyc.compilerLoader")] = async (shared) => {
      const { loadWithCodeCache } = await import("./codecache.mjs");
      const loaded = loadWithCodeCache(compilerCjs, { shared });
      saveCodeCache = loaded?.save ?? null;
      return loaded?.exports ?? null;
    };
  }
  await import(pathToFileURL(existsSync(bundled) ? bundled : compiled).href);
  saveCodeCache?.();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
