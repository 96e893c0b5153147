#!/usr/bin/env node
// Install step (`npm ci` / `npm install` run it as "prepare", `npm pack` before packing):
// compiles src/**/*.ts to build/src/**/*.js with tsc (and bundles it, below), so `spyc` starts without transpiling
// TypeScript at run time. Type errors do not stop the emit (`npm run typecheck` reports them);
// a missing tsc (devDependencies omitted) leaves no build/, and bin/spyc.mjs then runs src/
// through tsx. The new tree is written beside build/ and renamed into place, with a stamp of
// the sources it was compiled from (bin/freshness.mjs), so a half-written build/ is never used.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceFingerprint } from "./freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
if (!existsSync(path.join(root, "src")) || !existsSync(tsc)) process.exit(0); // packed install, or no devDependencies

const tmp = path.join(root, `build.tmp-${process.pid}`);
const fingerprint = sourceFingerprint(path.join(root, "src")); // before compiling: an edit during the build makes it stale
rmSync(tmp, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", tmp], { cwd: root, encoding: "utf8" });
if (!existsSync(path.join(tmp, "src", "cli.js"))) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`spyc: could not compile src/ to JavaScript; the CLI will run through tsx\n${(r.stdout ?? "") + (r.stderr ?? "")}`.slice(0, 4000));
  process.exit(0); // never fail the install: tsx is the fallback
}
// Then the compiled tree is bundled (esbuild, which tsx brings along) into build/bundle/: the CLI
// as one file, and the compiler, loaded only when a build misses the cache, as one chunk beside it
// (--splitting keeps the dynamic imports lazy, so a cached build still never loads the compiler).
// Loading the compiler from ~90 modules took ~100 ms, from the chunk ~35 ms. Packages stay
// external (tree-sitter finds its .wasm relative to its own files). A failed bundle is only
// slower: bin/spyc.mjs then runs build/src/cli.js.
const esbuild = path.join(root, "node_modules", "esbuild", "bin", "esbuild");
if (existsSync(esbuild)) {
  const b = spawnSync(esbuild, [path.join(tmp, "src", "cli.js"), "--bundle", "--splitting", "--format=esm", "--platform=node",
    "--packages=external", `--outdir=${path.join(tmp, "bundle")}`, "--log-level=error"], { cwd: root, encoding: "utf8" });
  if (b.status !== 0 || !existsSync(path.join(tmp, "bundle", "cli.js"))) rmSync(path.join(tmp, "bundle"), { recursive: true, force: true });
}
mkdirSync(tmp, { recursive: true });
writeFileSync(path.join(tmp, "stamp.json"), JSON.stringify({ fingerprint }) + "\n");
const old = path.join(root, `build.old-${process.pid}`);
if (existsSync(path.join(root, "build"))) renameSync(path.join(root, "build"), old);
renameSync(tmp, path.join(root, "build"));
rmSync(old, { recursive: true, force: true });
