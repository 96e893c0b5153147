// Runs a CommonJS bundle (build/bundle/compiler.cjs, bin/build-js.mjs) with a V8 code cache, so
// a run does not parse and compile again the functions an earlier run compiled: Node 20 has no
// code cache for ES modules. On a cold build it saved ~60 ms of node's CPU time before the first
// gcc (issue 11). The cache is made after the command ran (`save`), so it holds every function
// the run compiled lazily, not only the top level.
//
// One file per bundle path in <spyc cache>/js/: a header line with the key (the bundle's sha256,
// node's version and arch, V8 flags) and V8's data. A missing, foreign, corrupt or rejected
// cache is rewritten by `save`. Any failure to load returns null (the caller then imports the
// ES modules); a failure to write is ignored: an unwritable cache only costs speed.
import { createHash } from "node:crypto";
import { isAscii } from "node:buffer";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

// spyc's cache root as src/driver/cache.ts computes it (not importable from here): $SPYC_CACHE_DIR,
// $XDG_CACHE_HOME/spyc or ~/.cache/spyc, then the per-user temp dir cache.ts falls back to.
function cacheDirs(env) {
  const wanted = env.SPYC_CACHE_DIR ? path.resolve(env.SPYC_CACHE_DIR)
    : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? path.join(env.XDG_CACHE_HOME, "spyc")
    : path.join(os.homedir(), ".cache", "spyc");
  const uid = typeof process.getuid === "function" ? String(process.getuid()) : os.userInfo().username;
  return [wanted, path.join(os.tmpdir(), `spyc-cache-${uid}`)].map((d) => path.join(d, "js"));
}

/**
 * The bundle's exports and `save()` (call it after the command), or null when it cannot be run.
 * `require("spyc-shared:<path>")` in the bundle returns shared[<path>] (modules the caller has
 * already loaded, so both use one instance).
 */
export function loadWithCodeCache(bundle, { shared = {}, env = process.env, flags = process.execArgv } = {}) {
  let bytes, source;
  try {
    bytes = readFileSync(bundle);
    // latin1 makes a one-byte string without UTF-8 decoding; exact for an ASCII file
    source = isAscii(bytes) ? bytes.latin1Slice() : bytes.toString("utf8");
  } catch {
    return null;
  }
  const key = JSON.stringify([createHash("sha256").update(bytes).digest("hex"), process.version, process.arch, flags, env.NODE_OPTIONS ?? ""]);
  const name = `${createHash("sha256").update(bundle).digest("hex").slice(0, 32)}.bin`;
  const dirs = cacheDirs(env);
  let cachedData;
  for (const dir of dirs) {
    try {
      const file = readFileSync(path.join(dir, name));
      const nl = file.indexOf(10);
      if (nl > 0 && file.subarray(0, nl).toString("utf8") === key) { cachedData = file.subarray(nl + 1); break; }
    } catch { /* missing or unreadable: try the next dir */ }
  }
  let script, mod;
  try {
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: bundle,
      cachedData,
      // an import() in the bundle resolves as in any module instead of throwing
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const nodeRequire = createRequire(bundle);
    const req = (id) => {
      if (!id.startsWith("spyc-shared:")) return nodeRequire(id);
      const m = shared[id.slice("spyc-shared:".length)];
      if (!m) throw new Error(`${bundle}: no shared module ${id}`);
      return m;
    };
    mod = { exports: {} };
    script.runInThisContext()(mod.exports, req, mod, bundle, path.dirname(bundle));
  } catch {
    return null;
  }
  const fresh = cachedData !== undefined && !script.cachedDataRejected;
  const save = () => {
    if (fresh) return;
    try {
      const data = Buffer.concat([Buffer.from(key + "\n"), script.createCachedData()]);
      for (const dir of dirs) {
        // temp file + rename: a concurrent run reads the old cache or the new one, never half
        const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
        try {
          mkdirSync(dir, { recursive: true });
          writeFileSync(tmp, data);
          renameSync(tmp, path.join(dir, name));
          return;
        } catch {
          rmSync(tmp, { force: true });
        }
      }
    } catch { /* no cache this time */ }
  };
  return { exports: mod.exports, save };
}
