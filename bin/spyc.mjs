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

// build/bundle/cli.js is the same code bundled (bin/build-js.mjs): it loads in a third of the time
const bundled = path.join(root, "build", "bundle", "cli.js");
if (compiledIsCurrent()) {
  await import(pathToFileURL(existsSync(bundled) ? bundled : compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
