#!/usr/bin/env node
// Build-speed benchmark (not a test): wall time of `spyc build` on a 100-line module, run the way
// a user runs it (a fresh `node bin/spyc.mjs` process per build), in a temp directory with its
// own cache directory.
//
//   first   empty cache: includes the one-time work per Python (runtime object, interpreter probe)
//   cold    a module never built before (its source differs each run), with the cache warm
//   cached  the same module again: everything comes from the cache
//
// Usage: node benchmarks/build/build_speed.mjs [--runs N] [--python PATH] [--json] [--breakdown]
//   --breakdown  also print where the last cold build's time went (spyc's SPYC_TIME=1 trace)
// Targets (issue 11): cold <= 1.0 s, cached <= 0.3 s on the 2-core CI machine.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const spyc = path.resolve(here, "../../bin/spyc.mjs");
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const runs = Number(opt("--runs", "5"));
const python = opt("--python", "python3");
const json = args.includes("--json");
const breakdown = args.includes("--breakdown");

const work = mkdtempSync(path.join(tmpdir(), "spyc-build-speed-"));
const cacheDir = path.join(work, "cache");
const src = readFileSync(path.join(here, "sample100.py"), "utf8");
const file = path.join(work, "sample100.py");
const env = { ...process.env, SPYC_CACHE_DIR: cacheDir };

// CPU seconds (user+sys of spyc and its children: gcc, python) come from /usr/bin/time when it
// exists: on a shared, loaded machine wall time says more about the neighbours than about spyc.
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const cpu = [];
let trace = "";
function build(timeIt = false) {
  const argv = [process.execPath, spyc, "build", "-q", "--python", python, file];
  const t0 = process.hrtime.bigint();
  const e = timeIt ? { ...env, SPYC_TIME: "1" } : env;
  const r = TIME ? spawnSync(TIME, ["-f", "SPYC-CPU %U %S", ...argv], { env: e, encoding: "utf8" })
    : spawnSync(argv[0], argv.slice(1), { env: e, encoding: "utf8" });
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`spyc build failed with status ${r.status}`);
  }
  if (timeIt) trace = r.stderr.split("\n").filter((l) => l.startsWith("spyc-time")).join("\n");
  const m = /SPYC-CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  cpu.push(m ? Number(m[1]) + Number(m[2]) : NaN);
  return dt;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  writeFileSync(file, src);
  const first = build();
  const firstCpu = cpu.pop();
  const cold = [], cached = [], coldCpu = [], cachedCpu = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(file, `${src}\n# run ${i} ${Date.now()}\n`); // new source: a cache miss for the module
    cold.push(build(breakdown && i === runs - 1)); coldCpu.push(cpu.pop());
    cached.push(build()); cachedCpu.push(cpu.pop());
  }
  const stat = (xs, cs) => ({ median: median(xs), min: Math.min(...xs), cpuMedian: median(cs) });
  const res = { python, runs, first, firstCpu, cold: stat(cold, coldCpu), cached: stat(cached, cachedCpu) };
  if (json) process.stdout.write(JSON.stringify(res) + "\n");
  else {
    const f = (x) => `${x.toFixed(2)} s`;
    process.stdout.write(`spyc build of a ${src.split("\n").length - 1}-line module (${python}, ${runs} runs)\n`);
    const c = (x) => (Number.isFinite(x) ? `  cpu ${f(x)}` : "");
    process.stdout.write(`  first (empty cache)  ${f(first)}${c(firstCpu)}\n`);
    process.stdout.write(`  cold                 median ${f(res.cold.median)}  min ${f(res.cold.min)}${c(res.cold.cpuMedian)}   (target <= 1.00 s)\n`);
    process.stdout.write(`  cached               median ${f(res.cached.median)}  min ${f(res.cached.min)}${c(res.cached.cpuMedian)}   (target <= 0.30 s)\n`);
    process.stdout.write(`  (load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}; cpu = user+sys of spyc, gcc and python)\n`);
    if (breakdown) process.stdout.write(`last cold build (ms since node started):\n${trace}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
