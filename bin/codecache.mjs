// Loads the bundled CLI (build/bundle/spyc.cjs, one CommonJS file) with a V8 code cache: the
// bytecode of every function a previous run compiled, so this run skips parsing and compiling
// them (about 50 ms of a 100-line cold build's front end; Node 20 has no module compile cache of
// its own, `module.enableCompileCache` is Node 22).
//
// The cache lives in spyc's cache directory (SPYC_CACHE_DIR, else $XDG_CACHE_HOME/spyc, else
// ~/.cache/spyc) under v8/, one file per bundle and Node version. V8 checks only the source's
// length, so the file name carries the bundle file's identity (inode, size, modification time;
// bin/build-js.mjs always writes a new file): a rebuilt bundle never meets bytecode of another. Two kinds: `-c` was written by a run that loaded the compiler (a
// cold build), `-b` by one that did not (a cached build, --help); `-c` is preferred, and a run
// that loaded the compiler writes `-c` if it did not start from one. Writes are atomic (temp
// file + rename), and any failure only costs speed.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";

// V8 accepts a code cache only under the flags it was made with, and src/syntax/treeSitter.ts
// sets one (--liftoff-only, before it compiles tree-sitter's wasm): setting it here first makes
// every run, with or without the parser, make and meet caches under the same flags.
setFlagsFromString("--liftoff-only");

function cacheDir(env) {
  if (env.SPYC_CODE_CACHE === "0") return null;
  const root = env.SPYC_CACHE_DIR ? path.resolve(env.SPYC_CACHE_DIR)
    : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? path.join(env.XDG_CACHE_HOME, "spyc")
    : path.join(os.homedir(), ".cache", "spyc");
  return path.join(root, "v8");
}

function readOrNull(file) {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/** Evaluates the bundle as CommonJS and returns its exports; a code cache is read and written. */
export function loadBundle(file) {
  const source = readFileSync(file, "utf8");
  const dir = cacheDir(process.env);
  const st = statSync(file);
  const id = createHash("sha256").update(`${file}\0${st.dev}\0${st.ino}\0${st.size}\0${st.mtimeMs}`).digest("hex").slice(0, 24);
  const stem = dir && path.join(dir, `${id}-${process.version}`);
  let kind = null, cachedData;
  for (const k of stem ? ["c", "b"] : []) {
    cachedData = readOrNull(`${stem}-${k}.bin`) ?? undefined;
    if (cachedData) { kind = k; break; }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (script.cachedDataRejected) kind = null;
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  if (stem) {
    process.once("exit", () => {
      const want = mod.exports.compilerLoaded?.() ? "c" : "b";
      if (kind === "c" || kind === want) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${stem}-${want}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, `${stem}-${want}.bin`);
        prune(dir, path.basename(stem));
      } catch {
        // a read-only or full cache directory: the next run compiles again
      }
    });
  }
  return mod.exports;
}

/** Removes caches of other bundles (an older spyc) once they are a day old. */
function prune(dir, keep) {
  const dayAgo = Date.now() - 86400e3;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(keep)) continue;
    const p = path.join(dir, name);
    try {
      if (statSync(p).mtimeMs < dayAgo) rmSync(p, { force: true });
    } catch {
      // raced with another spyc: fine
    }
  }
}
