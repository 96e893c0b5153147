#!/usr/bin/env node
// Entry point of the `spyc` command. Runs the JavaScript that the install step compiled into
// build/ (bin/build-js.mjs) when it is up to date with src/; otherwise (no build/, or src/ edited
// since) it runs the TypeScript sources through tsx, which is slower to start but always current.
// SPYC_USE_TSX=1 forces the TypeScript sources.
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

// build/bundle/spyc.cjs is the same code bundled into one CommonJS file (bin/build-js.mjs),
// loaded with a V8 code cache (bin/codecache.mjs); build/src/cli.js is the fallback when the
// bundle could not be made.
const bundled = path.join(root, "build", "bundle", "spyc.cjs");
let cli;
if (compiledIsCurrent()) {
  if (existsSync(bundled)) cli = (await import("./codecache.mjs")).loadBundle(bundled);
  else cli = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../src/cli.ts");
}
process.exitCode = await cli.main(process.argv.slice(2));
