#!/usr/bin/env node
// Build-speed benchmark (not a test): wall time of `spyc build` on a 100-line module, run the way
// a user runs it (a fresh `node bin/spyc.mjs` process per build), in a temp directory with its
// own cache directory.
//
//   first   empty cache: includes the one-time work per Python (runtime object, interpreter probe)
//   cold    a module never built before (its source differs each run), with the cache warm
//   cached  the same module again: everything comes from the cache
//
// Usage: node benchmarks/build/build_speed.mjs [--runs N] [--python PATH] [--json]
// Targets (issue 11): cold <= 1.0 s, cached <= 0.3 s on the 2-core CI machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const spyc = path.resolve(here, "../../bin/spyc.mjs");
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const runs = Number(opt("--runs", "5"));
const python = opt("--python", "python3");
const json = args.includes("--json");

const work = mkdtempSync(path.join(tmpdir(), "spyc-build-speed-"));
const cacheDir = path.join(work, "cache");
const src = readFileSync(path.join(here, "sample100.py"), "utf8");
const file = path.join(work, "sample100.py");
const env = { ...process.env, SPYC_CACHE_DIR: cacheDir };

function build() {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [spyc, "build", "-q", "--python", python, file], { env, encoding: "utf8" });
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`spyc build failed with status ${r.status}`);
  }
  return dt;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  writeFileSync(file, src);
  const first = build();
  const cold = [], cached = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(file, `${src}\n# run ${i} ${Date.now()}\n`); // new source: a cache miss for the module
    cold.push(build());
    cached.push(build());
  }
  const res = { python, runs, first, cold: { median: median(cold), min: Math.min(...cold) }, cached: { median: median(cached), min: Math.min(...cached) } };
  if (json) process.stdout.write(JSON.stringify(res) + "\n");
  else {
    const f = (x) => `${x.toFixed(2)} s`;
    process.stdout.write(`spyc build of a ${src.split("\n").length - 1}-line module (${python}, ${runs} runs)\n`);
    process.stdout.write(`  first (empty cache)  ${f(first)}\n`);
    process.stdout.write(`  cold                 median ${f(res.cold.median)}  min ${f(res.cold.min)}   (target <= 1.00 s)\n`);
    process.stdout.write(`  cached               median ${f(res.cached.median)}  min ${f(res.cached.min)}   (target <= 0.30 s)\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
