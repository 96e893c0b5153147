#!/usr/bin/env node
// Install step (`npm ci` / `npm install` run it as "prepare", `npm pack` before packing):
// compiles src/**/*.ts to build/src/**/*.js with tsc (and bundles it, below), so `spyc` starts without transpiling
// TypeScript at run time. Type errors do not stop the emit (`npm run typecheck` reports them);
// a missing tsc (devDependencies omitted) leaves no build/, and bin/spyc.mjs then runs src/
// through tsx. The new tree is written beside build/ and renamed into place, with a stamp of
// the sources it was compiled from (bin/freshness.mjs), so a half-written build/ is never used.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
// Then the compiled tree is bundled (esbuild, which tsx brings along) into one CommonJS file,
// build/bundle/spyc.cjs, which bin/spyc.mjs loads through a V8 code cache (bin/codecache.mjs):
// Node 20 caches no compiled ES modules, and about 50 ms of a cold build went to compiling the
// compiler's ~100 modules. Dynamic imports stay lazy (esbuild turns them into deferred module
// initializers), so a cached build still never runs the compiler's module code. Packages stay
// external (tree-sitter finds its .wasm relative to its own files); import.meta.url becomes
// the bundle's own URL. A failed bundle is only slower: bin/spyc.mjs then runs build/src/cli.js.
const esbuild = path.join(root, "node_modules", "esbuild", "bin", "esbuild");
if (existsSync(esbuild)) {
  const b = spawnSync(esbuild, [path.join(tmp, "src", "cli.js"), "--bundle", "--format=cjs", "--platform=node",
    "--packages=external", `--outfile=${path.join(tmp, "bundle", "spyc.cjs")}`, "--log-level=error",
    "--banner:js=const __spycBundleUrl = require(\"node:url\").pathToFileURL(__filename).href;",
    "--define:import.meta.url=__spycBundleUrl"], { cwd: root, encoding: "utf8" });
  const out = path.join(tmp, "bundle", "spyc.cjs");
  // a dynamic import() left in the bundle (of a package or a node: module) would throw when
  // run through vm.Script, which has no module loader: such a bundle is not used
  const bad = existsSync(out) && /(^|[^\w$.])import\(/m.exec(readFileSync(out, "utf8"));
  if (bad) process.stderr.write(`spyc: the bundle keeps a dynamic import() (${bad.input.slice(bad.index, bad.index + 60).trim()}); the CLI runs build/src instead\n`);
  if (b.status !== 0 || !existsSync(out) || bad) rmSync(path.join(tmp, "bundle"), { recursive: true, force: true });
}
mkdirSync(tmp, { recursive: true });
writeFileSync(path.join(tmp, "stamp.json"), JSON.stringify({ fingerprint }) + "\n");
const old = path.join(root, `build.old-${process.pid}`);
if (existsSync(path.join(root, "build"))) renameSync(path.join(root, "build"), old);
renameSync(tmp, path.join(root, "build"));
rmSync(old, { recursive: true, force: true });
