/**
 * The benchmark runner (src/bench) end to end on tiny sizes, with no timing assertions:
 * real output validates against benchmarks/schema/bench-result.schema.json, the chart is
 * well-formed XML (parsed by CPython's own XML parser), a wrong checksum is caught and fails
 * the command, and absent peers are reported as "missing" rather than as failures.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../src/driver/buildCommand.ts";
import { isDeoptHeavy, runBench, type BenchIO } from "../../src/bench/command.ts";
import { judgeCell } from "../../src/bench/compare.ts";
import { defaultOptions, parseBenchArgs, type BenchOptions } from "../../src/bench/options.ts";
import { validateResult } from "../../src/bench/schema.ts";
import { renderSvg } from "../../src/bench/svg.ts";

function sinks(): BenchIO & { out: () => string; err: () => string } {
  let out = "", err = "";
  return {
    stdout: { write: (s: string) => { out += s; } },
    stderr: { write: (s: string) => { err += s; } },
    out: () => out, err: () => err,
  };
}

/** Options for a tiny run: no peers installed (nonexistent venv and pypy), one repetition. */
function tiny(over: Partial<BenchOptions>): BenchOptions {
  return {
    ...defaultOptions(), reps: 1, warmup: 0, color: false,
    peersVenv: path.join(os.tmpdir(), "spyc-no-such-venv"), pypy: path.join(os.tmpdir(), "spyc-no-such-pypy3"),
    outDir: mkdtempSync(path.join(os.tmpdir(), "spyc-bench-")), ...over,
  };
}

function xmlWellFormed(file: string): void {
  // CPython's expat parser: throws (non-zero exit) on any malformed XML
  execFileSync("python3", ["-c", "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); assert r.tag.endswith('svg'), r.tag", file]);
}

test("a tiny real run: schema-valid JSON, Markdown, a well-formed chart, peers missing", async () => {
  const io = sinks();
  const run = await runBench(tiny({ programs: ["fib"], size: 12 }), io);
  assert.equal(run.code, 0, io.out() + io.err());
  const [json, md, svg] = run.files;
  const result = JSON.parse(readFileSync(json!, "utf8")) as unknown;
  assert.deepEqual(validateResult(result), []);
  const r = run.result!;
  assert.equal(r.programs.length, 1);
  const cells = r.programs[0]!.cells;
  assert.equal(cells.cpython!.checksum, "144");
  assert.equal(cells.contracts!.checksum, "144");
  assert.equal(cells.contracts!.status, "ok");
  assert.equal(cells.specialized!.status, "ok");
  assert.equal(cells.generic!.status, "ok");
  assert.equal(r.baseline.column, "cpython");
  assert.match(r.columns.find((c) => c.name === "cpython")!.detail, /plain twin/);
  // fib has one @checked function, and the specialized build specializes it
  assert.deepEqual(r.programs[0]!.checked, { total: 1, specialized: 1 });
  assert.ok(r.programs[0]!.deopts !== null, "the SPYC_STATS run counted deopts");
  for (const peer of ["cython", "mypyc", "pypy"] as const) {
    assert.equal(cells[peer]!.status, "missing", peer);
    assert.equal(r.columns.find((c) => c.name === peer)!.available, false);
  }
  assert.ok(r.ok);
  assert.match(io.out(), /^fib\s+12\s/m, "the table has a row per program");
  assert.match(io.out(), /geomean/);
  assert.match(io.out(), /full report: .*\.json, .*\.md, .*\.svg/);
  // missing peers: one line under the table, no column of "missing" cells
  assert.match(io.out(), /^missing: cython, mypyc, pypy \(run npm run bench:peers\)$/m);
  assert.doesNotMatch(io.out(), /^fib .*missing/m);
  assert.match(io.out(), /^program\s+n\s+CPython ms\s+\+contracts\s+generic\s+specialized\s+spec\.\s+deopts\s+checksums$/m);
  assert.match(io.out(), /^fib\s+12\s+\S+\s+\S+x\s+\S+x\s+\S+x\s+1\/1\s+\d+\s+ok$/m);
  assert.match(io.out(), /plain twin/);
  assert.match(readFileSync(md!, "utf8"), /\| fib \| 12 \|/);
  assert.match(readFileSync(svg!, "utf8"), /<svg[^>]*viewBox=/);
  assert.match(readFileSync(svg!, "utf8"), /Speedup over plain CPython/);
  assert.doesNotMatch(readFileSync(svg!, "utf8"), /y="66.5">(?:PyPy|mypyc|Cython)</, "no legend entry or slot for a missing peer");
  assert.match(readFileSync(md!, "utf8"), /Speedup over \*\*plain CPython\*\*/);
  xmlWellFormed(svg!);
  assert.match(io.err(), /run fib/, "progress lines on stderr");
});

test("a checksum that differs from CPython's is flagged loudly and fails the command", async () => {
  const io = sinks();
  const run = await runBench(tiny({ programsDir: path.join(REPO_ROOT, "tests/cases/bench"), columns: ["cpython", "specialized"], size: "quick" }), io);
  assert.equal(run.code, 1);
  const cell = run.result!.programs[0]!.cells.specialized!;
  assert.equal(cell.status, "mismatch");
  assert.match(cell.reason!, /CPython gave 208/);
  assert.equal(run.result!.mismatches, 1);
  assert.equal(run.result!.ok, false);
  assert.deepEqual(validateResult(JSON.parse(readFileSync(run.files[0]!, "utf8"))), []);
  assert.match(io.out(), /MISMATCH: specialized/);
  assert.match(io.out(), /FAILED/);
  xmlWellFormed(run.files[2]!);
});

test("judgeCell: equal reprs of different types, and unstable results, are mismatches", () => {
  const raw = (checksum: string, checksumType: string, stable = true) => ({ ok: true as const, raw: { timesS: [0.5, 0.25], checksum, checksumType, stable } });
  const base = raw("1", "int");
  assert.equal(judgeCell(base, raw("1", "int"), null).status, "ok");
  assert.equal(judgeCell(base, raw("1", "int"), null).speedup, 1);
  assert.equal(judgeCell(base, raw("1", "bool"), null).status, "mismatch");
  assert.equal(judgeCell(base, raw("1.0", "float"), null).status, "mismatch");
  assert.equal(judgeCell(base, raw("1", "int", false), null).status, "mismatch");
  assert.equal(judgeCell(base, { ok: false, reason: "import failed" }, 1.5).status, "run failed");
  assert.equal(judgeCell({ ok: false, reason: "boom" }, raw("1", "int"), null).status, "run failed");
});

test("option parsing: columns keep the baseline, bad values are usage errors", () => {
  const p = parseBenchArgs(["fib.py", "--quick", "--columns", "specialized,pypy", "--pypy=/x/pypy"]);
  assert.ok("opts" in p);
  assert.deepEqual(p.opts.programs, ["fib"]);
  assert.deepEqual(p.opts.columns, ["cpython", "specialized", "pypy"]);
  assert.equal(p.opts.size, "quick");
  assert.equal(p.opts.reps, 3);
  assert.equal(p.opts.pypy, "/x/pypy");
  assert.equal(p.opts.all, true, "every supported function is compiled by default");
  const g = parseBenchArgs(["--checked-only", "--programs-dir", "benchmarks/generic"]);
  assert.ok("opts" in g && !g.opts.all);
  assert.ok("error" in parseBenchArgs(["--columns", "numba"]));
  assert.ok("error" in parseBenchArgs(["--reps", "0"]));
  assert.ok("error" in parseBenchArgs(["--size"]));
});

test("the chart of a result with missing and wrong cells is well-formed", () => {
  const cell = (status: "ok" | "mismatch" | "missing", speedup: number | null) => ({
    status, reason: status === "ok" ? null : "why <&>", timesS: [0.01], medianS: 0.01, speedup, checksum: "1", checksumType: "int", buildS: null,
  });
  const svg = renderSvg({
    schemaVersion: 2, spycVersion: "0", baseline: { column: "cpython", description: "plain" }, startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z",
    machine: { platform: "linux", arch: "x64", cpus: 2, cpuModel: "cpu", node: "v20" },
    python: { exe: "python3", version: "3.11.7" }, settings: { size: "quick", reps: 1, warmup: 0, optLevel: 2 },
    columns: [{ name: "cpython", available: true, detail: "" }, { name: "specialized", available: true, detail: "" }, { name: "pypy", available: false, detail: "no" }],
    programs: [
      { name: "a<b", n: 1, buildSummary: [], checked: { total: 1, specialized: 1 }, deopts: null, deoptHeavy: false, cells: { cpython: cell("ok", 1), specialized: cell("ok", 250), pypy: cell("missing", null) } },
      { name: "c", n: 1, buildSummary: [], checked: { total: 1, specialized: 0 }, deopts: { total: 3, sites: [], functions: [] }, deoptHeavy: true, cells: { cpython: cell("ok", 1), specialized: cell("mismatch", 0.3), pypy: cell("missing", null) } },
    ],
    geomean: {}, mismatches: 1, ok: false,
  });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "spyc-svg-")), "c.svg");
  execFileSync("python3", ["-c", "import sys; open(sys.argv[1], 'w').write(sys.stdin.read())", file], { input: svg });
  xmlWellFormed(file);
  assert.match(svg, /WRONG/);
  assert.match(svg, /a&lt;b/);
});

test("--timeout: a variant that hangs is reported as timed out, the others are still measured", async () => {
  const io = sinks();
  const run = await runBench(tiny({ programsDir: path.join(REPO_ROOT, "tests/cases/bench-timeout"), columns: ["cpython", "contracts", "specialized"], size: "quick", timeoutS: 15 }), io);
  assert.equal(run.code, 1, "a spyc column that times out fails the command");
  const cells = run.result!.programs[0]!.cells;
  assert.equal(cells.specialized!.status, "timed out");
  assert.match(cells.specialized!.reason!, /15 s/);
  assert.equal(cells.cpython!.status, "ok");
  assert.equal(cells.cpython!.checksum, "2");
  assert.equal(cells.contracts!.status, "ok");
  assert.deepEqual(validateResult(JSON.parse(readFileSync(run.files[0]!, "utf8"))), []);
  assert.match(io.out(), /^hang\s.*timed out/m);
});

test("option errors point to spyc bench --help", () => {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin/spyc.mjs"), "bench", "--timeout", "soon"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--timeout needs an integer/);
  assert.match(r.stderr, /Try 'spyc bench --help'/);
  assert.equal(r.stdout, "");
});

test("deopts: the SPYC_STATS run counts one deopt per overflowing call at the multiply's line", async () => {
  const dir = path.join(REPO_ROOT, "tests/cases/bench-deopt");
  const io = sinks();
  const run = await runBench(tiny({ programsDir: dir, columns: ["cpython", "generic", "specialized"], size: "quick" }), io);
  assert.equal(run.code, 0, io.out() + io.err());
  const p = run.result!.programs[0]!;
  const expected = Number(execFileSync("python3", ["-c", `import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; import fnvhash; print(fnvhash.expected_deopts(${p.n}))`,
    dir, path.join(REPO_ROOT, "pydecorators")], { encoding: "utf8" }));
  assert.ok(expected > 0);
  assert.deepEqual(p.checked, { total: 1, specialized: 1 });
  assert.equal(p.deopts!.total, expected);
  const mulLine = readFileSync(path.join(dir, "fnvhash.py"), "utf8").split("\n").findIndex((l) => l.includes("h * 1099511628211")) + 1;
  assert.equal(p.deopts!.sites[0]!.line, mulLine);
  assert.match(p.deopts!.sites[0]!.guard, /overflow/);
  assert.deepEqual(p.deopts!.functions, [{ function: "fnv", deopts: expected }]);
  assert.match(io.out(), new RegExp(`^fnvhash\\s.*\\s1/1\\s+${expected}(?: !)?\\s+ok$`, "m"));
  assert.deepEqual(validateResult(JSON.parse(readFileSync(run.files[0]!, "utf8"))), []);
});

test("isDeoptHeavy: deopts and a specialized build under 1.5x of the generic one", () => {
  const cell = (medianS: number) => ({ status: "ok" as const, reason: null, timesS: [medianS], medianS, speedup: 1, checksum: "1", checksumType: "int", buildS: null });
  const d = (total: number) => ({ total, sites: [], functions: [] });
  assert.equal(isDeoptHeavy({ generic: cell(1), specialized: cell(0.9) }, d(5)), true);
  assert.equal(isDeoptHeavy({ generic: cell(1), specialized: cell(0.1) }, d(5)), false);
  assert.equal(isDeoptHeavy({ generic: cell(1), specialized: cell(0.9) }, d(0)), false);
  assert.equal(isDeoptHeavy({ generic: cell(1), specialized: cell(0.9) }, null), false);
  assert.equal(isDeoptHeavy({ specialized: cell(0.9) }, d(5)), false);
});
