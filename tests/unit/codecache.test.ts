/**
 * Startup caches (issue 11): bin/codecache.mjs runs a CommonJS bundle with a V8 code cache that
 * a later process accepts; a corrupt, foreign or unwritable cache never breaks the run (the
 * bundle still runs, the cache is rewritten or skipped). Through the CLI, a build whose compiler
 * came from build/bundle/compiler.cjs prints what the ES modules print. driver/ccVersion.ts:
 * `$CC --version` is probed once per compiler file, again when that file changes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cachedCompilerVersion } from "../../src/driver/ccVersion.ts";
import { resetCacheRoot } from "../../src/driver/cache.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CODECACHE = pathToFileURL(path.join(REPO, "bin/codecache.mjs")).href;

// a bundle like compiler.cjs: a shared module from the caller, a node builtin, lazily compiled functions
const BUNDLE = `"use strict";
const shared = require("spyc-shared:x.js"), os = require("node:os");
function square(n) { return n * n; }
module.exports = { answer: () => shared.base + square(4) + (os.EOL === "\\n" ? 1 : 1) };
`;

/** loads the bundle in a fresh node, saves the cache; the answer and whether the cache file changed */
function runBundle(bundle: string, env: Record<string, string>): { answer: number; status: number | null; stderr: string } {
  const script = `import { loadWithCodeCache } from ${JSON.stringify(CODECACHE)};
const l = loadWithCodeCache(${JSON.stringify(bundle)}, { shared: { "x.js": { base: 25 } } });
if (!l) { console.log("null"); process.exit(0); }
console.log(l.exports.answer()); l.save();`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, ...env }, encoding: "utf8" });
  return { answer: Number(r.stdout.trim()), status: r.status, stderr: r.stderr };
}

test("code cache: written once, accepted by the next process; corrupt, foreign or unwritable caches only cost speed", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-codecache-"));
  try {
    const bundle = path.join(root, "b.cjs");
    writeFileSync(bundle, BUNDLE);
    const env = { SPYC_CACHE_DIR: path.join(root, "cache"), TMPDIR: path.join(root, "tmp") };
    const jsDir = path.join(root, "cache", "js");
    assert.equal(runBundle(bundle, env).answer, 42);
    const [name] = readdirSync(jsDir);
    assert.ok(name?.endsWith(".bin"), "a cache file is written");
    const file = path.join(jsDir, name!);
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    assert.equal(runBundle(bundle, env).answer, 42);
    assert.ok(Math.abs(statSync(file).mtimeMs - past.getTime()) < 1, "an accepted cache is not rewritten");

    // corrupt data under the right key: V8 rejects it, the run goes on, the cache is rewritten
    const header = readFileSync(file).subarray(0, readFileSync(file).indexOf(10) + 1);
    writeFileSync(file, Buffer.concat([header, Buffer.from("not V8 code cache data at all".repeat(20))]));
    utimesSync(file, past, past);
    assert.equal(runBundle(bundle, env).answer, 42);
    assert.ok(statSync(file).mtimeMs - past.getTime() > 1000, "a rejected cache is rewritten");
    // a foreign file (another key, random bytes, empty)
    for (const junk of [Buffer.from('{"other":"key"}\n\x00\x01'), Buffer.from([0xff, 0, 10, 1, 2, 3]), Buffer.alloc(0)]) {
      writeFileSync(file, junk);
      assert.equal(runBundle(bundle, env).answer, 42);
      assert.ok(readFileSync(file).length > 100, "replaced by a real cache");
    }
    // unwritable: the cache dir and the temp fallback are paths under a regular file
    writeFileSync(path.join(root, "file"), "");
    const ro = { SPYC_CACHE_DIR: path.join(root, "file", "cache"), TMPDIR: path.join(root, "file", "tmp") };
    const r = runBundle(bundle, ro);
    assert.equal(r.answer, 42, r.stderr);
    assert.equal(r.status, 0);
    // a bundle that throws while loading, or no bundle: null (the caller imports the ES modules)
    writeFileSync(path.join(root, "bad.cjs"), `require("spyc-shared:missing.js");`);
    assert.ok(Number.isNaN(runBundle(path.join(root, "bad.cjs"), env).answer));
    assert.ok(Number.isNaN(runBundle(path.join(root, "none.cjs"), env).answer));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("code cache through the CLI: the compiler from compiler.cjs, with a garbage cache, dumps what the ES modules dump", { skip: !existsSync(path.join(REPO, "build/bundle/compiler.cjs")) && "no build/bundle/compiler.cjs (npm run build:js)" }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-codecache-cli-"));
  try {
    const src = path.join(root, "m.py");
    writeFileSync(src, "from spyc import checked\n\n@checked\ndef f(n: int) -> int:\n    return n * 2 + 1\n");
    const run = (env: Record<string, string>): string => {
      const r = spawnSync(process.execPath, [path.join(REPO, "bin/spyc.mjs"), "build", "--dump=c", "--python", "python3", src],
        { env: { ...process.env, SPYC_CACHE_DIR: path.join(root, "cache"), ...env }, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const plain = run({ SPYC_CODE_CACHE: "0" });
    assert.match(plain, /Generated by spyc from m.py/);
    assert.equal(run({}), plain, "first run (writes the cache)");
    const jsDir = path.join(root, "cache", "js");
    if (!existsSync(jsDir)) return; // build/ is stale: bin/spyc.mjs ran src/ through tsx
    for (const f of readdirSync(jsDir)) writeFileSync(path.join(jsDir, f), "garbage\n\x00");
    assert.equal(run({}), plain, "garbage cache");
    assert.equal(run({}), plain, "rewritten cache");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("ccVersion: $CC --version is probed once per compiler file, again when it changes", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-ccversion-"));
  const saved = process.env["SPYC_CACHE_DIR"];
  process.env["SPYC_CACHE_DIR"] = path.join(root, "cache");
  resetCacheRoot();
  try {
    const cc = path.join(root, "bin", "mycc");
    mkdirSync(path.dirname(cc));
    writeFileSync(cc, "#!/bin/sh\necho mycc 1.0\n", { mode: 0o755 });
    let probes = 0;
    const probe = (v: string) => async (): Promise<string> => { probes++; return v; };
    assert.equal(await cachedCompilerVersion([cc, "-m64"], probe("mycc 1.0")), "mycc 1.0");
    assert.equal(await cachedCompilerVersion([cc, "-m64"], probe("unused")), "mycc 1.0");
    assert.equal(probes, 1, "the second call is served from the cache");
    // another compiler at the same path (new contents, size, mtime): probed again
    writeFileSync(cc, "#!/bin/sh\necho mycc 2.0 (upgraded)\n", { mode: 0o755 });
    utimesSync(cc, new Date(), new Date(Date.now() + 10_000));
    assert.equal(await cachedCompilerVersion([cc, "-m64"], probe("mycc 2.0")), "mycc 2.0");
    assert.equal(probes, 2);
    // other $CC words are another key; errors and missing compilers are never stored
    assert.equal(await cachedCompilerVersion([cc], probe("mycc 2.0 plain")), "mycc 2.0 plain");
    assert.equal(probes, 3);
    const err = async (): Promise<Error> => { probes++; return new Error("boom"); };
    assert.ok((await cachedCompilerVersion([path.join(root, "nope")], err)) instanceof Error);
    assert.ok((await cachedCompilerVersion([path.join(root, "nope")], err)) instanceof Error);
    assert.equal(probes, 5);
  } finally {
    if (saved === undefined) delete process.env["SPYC_CACHE_DIR"]; else process.env["SPYC_CACHE_DIR"] = saved;
    resetCacheRoot();
    rmSync(root, { recursive: true, force: true });
  }
});
