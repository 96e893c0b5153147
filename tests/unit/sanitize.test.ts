// CI step for issue 13 item 2: the generated C and the runtime under AddressSanitizer +
// UndefinedBehaviorSanitizer (`spyc build --sanitize=address,undefined`), with zero reports.
//
// * the property test (random @checked arithmetic; guards normal and --force-deopt) on one
//   CPython, with fewer functions than its own CI run;
// * a slice of the differential suite: one program per topic (every topic found under
//   tests/diff/, so a new topic is covered automatically; SLICE names the program where the
//   first one is not the representative), on every CPython found, one mode per version in
//   rotation (3.11 checked, 3.12 --all --force-deopt, 3.13 --all; SPYC_SAN_MODES=all four on
//   every version for a hunt by hand).
// Compiled sides run with the ASan runtime preloaded and leak detection off (CPython itself does
// not free everything at exit); any "ERROR: AddressSanitizer" / "runtime error:" on stderr fails
// the program (tests/harness/sanitize.ts). Budget: about 3 minutes on a quiet 2-core machine.
//
// Knobs: SPYC_SAN_VERSIONS (else SPYC_DIFF_VERSIONS), SPYC_SAN_FILTER (a diff filter replacing
// the slice), SPYC_SAN_MODES (e.g. checked,all,checked-deopt,all-deopt), SPYC_SAN_PROP_FUNCS
// (default 60; 0 = no property run).
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  DIFF_ROOT, DiffSession, REPO, allModes, decoratorsPath, discoverPrograms, findPythons, lockOutputTree, resolveBuilder, run,
  type BuildOutcome, type DiffConfig, type Mode, type Program,
} from "../harness/diff.ts";
import { libasanPath, sanitizedEnv, sanitizerReport } from "../harness/sanitize.ts";

const SANITIZE = "address,undefined";
/** the representative program of a topic, where it is not the first one in sorted order */
const SLICE: Record<string, string> = {
  arith: "arith_mixed",
  calls: "calls_binding",
  contracts: "contracts_params",
  control: "control_iteration",
  data: "data_displays",
  exceptions: "exc_flow",
  globals: "globals_rebind",
  recursion: "recursion_frozen",
  spec: "spec_calls",
  unsupported: "unsup_constructs",
};

function slice(all: Program[]): Program[] {
  const topics = [...new Set(all.map((p) => p.topic))];
  return topics.map((t) => all.find((p) => p.topic === t && p.stem === SLICE[t]) ?? all.find((p) => p.topic === t)!);
}

let asan: string | null = null;
try {
  const p = libasanPath();
  asan = p.startsWith("/") && existsSync(p) ? p : null;
} catch {
  asan = null;
}

const pythons = await findPythons(process.env.SPYC_SAN_VERSIONS ?? process.env.SPYC_DIFF_VERSIONS);
const skip = !asan ? "gcc has no libasan.so" : pythons.length === 0 ? "no CPython found" : false;
const outRoot = join(REPO, "tests", ".out", "sanitize");
if (!skip) await lockOutputTree(outRoot);

const filter = process.env.SPYC_SAN_FILTER;
const programs = filter ? discoverPrograms(DIFF_ROOT, filter) : slice(discoverPrograms(DIFF_ROOT));
const cfg: DiffConfig = {
  pythons, modes: allModes(), programs, builder: resolveBuilder(undefined), decorators: decoratorsPath(), outRoot, sanitize: SANITIZE,
};
const session = new DiffSession(cfg);
const byName = new Map(allModes().map((m) => [m.name, m]));
const ROTATION: readonly (readonly string[])[] = [["checked"], ["all-deopt"], ["all"]];
const MODES = process.env.SPYC_SAN_MODES?.split(",").map((s) => s.trim()).filter(Boolean);

describe("sanitizers: the harness sees a report", { skip }, () => {
  test("a use-after-free in a python run with the ASan runtime is reported", async () => {
    // ASan intercepts memcpy even in uninstrumented code: read a freed malloc'd ctypes buffer
    const code = "import ctypes\nb = ctypes.create_string_buffer(1 << 20)\na = ctypes.addressof(b)\ndel b\nprint(len(ctypes.string_at(a, 64)))\n";
    const r = await run(pythons[0]!.exe, ["-c", code], { env: sanitizedEnv(process.env, SANITIZE) });
    assert.notEqual(sanitizerReport(r.stderr), null, `no report detected; stderr:\n${r.stderr.slice(0, 2000)}`);
    assert.equal(sanitizerReport("all fine\n"), null);
  });
});

describe("sanitizers: differential slice under ASan + UBSan", { skip }, () => {
  test("the slice covers every topic", () => {
    const topics = new Set(discoverPrograms(DIFF_ROOT).map((p) => p.topic));
    assert.deepEqual(new Set(programs.map((p) => p.topic)), filter ? new Set(programs.map((p) => p.topic)) : topics);
  });
  pythons.forEach((py, i) => {
    for (const name of MODES ?? ROTATION[i % ROTATION.length]!) {
      const mode: Mode | undefined = byName.get(name);
      if (!mode) throw new Error(`SPYC_SAN_MODES: unknown mode ${name}`);
      describe(`sanitize py${py.version} ${mode.name}`, () => {
        let build: BuildOutcome | undefined;
        before(async () => {
          build = await session.build(py, mode);
          if (build.code !== 0) process.stderr.write(`[sanitize py${py.version} ${mode.name}] build exited ${build.code}: ${build.stderr.slice(0, 2000)}\n`);
        });
        for (const prog of programs) {
          test(prog.id, async () => {
            assert.ok(build, "build did not run");
            const res = await session.diffProgram(py, mode, prog, build);
            if (res.mismatches.length) assert.fail(res.report);
            assert.ok(res.testsCompared > 0, `${prog.id}: no test_* functions ran`);
          });
        }
      });
    }
  });
});

const PROP_FUNCS = Number(process.env.SPYC_SAN_PROP_FUNCS ?? "60");
describe("sanitizers: property test under ASan + UBSan", { skip: skip || (PROP_FUNCS === 0 && "SPYC_SAN_PROP_FUNCS=0") }, () => {
  test(`property test, ${PROP_FUNCS} functions, py${pythons[0]?.version}`, async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SPYC_PROP_SANITIZE: SANITIZE, SPYC_PROP_OUT: join("tests", ".out", "sanitize", "property"),
      SPYC_PROP_FUNCS: String(PROP_FUNCS), SPYC_PROP_INPUTS: "4", SPYC_PROP_SHRINK_SECONDS: "0",
      SPYC_PROP_VERSIONS: pythons[0]!.version,
    };
    delete env.NODE_TEST_CONTEXT; // a nested test runner must report normally, not to this one
    const r = await run(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", join(REPO, "tests", "unit", "property.test.ts")], {
      cwd: REPO, env, timeoutMs: 900_000,
    });
    assert.equal(r.code, 0, `the property test failed under the sanitizers:\n${(r.stdout + r.stderr).slice(-6000)}`);
    assert.match(r.stdout, /cases equal/, "the property test compared nothing");
  });
});
