/**
 * The peer columns: Cython and mypyc compiling the program's plain twin (from the venv that
 * `npm run bench:peers` makes), and PyPy running it: spyc's decorators do not suit them (@checked
 * wraps only Python functions; PyPy 3.9 lacks what the package uses). Detection never fails the run: an absent
 * tool makes its column "missing" with the reason; a tool that is present but fails on a
 * program makes that cell "build failed" with the tool's own error.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../driver/buildCommand.ts";
import type { PyInfo } from "../driver/pyinfo.ts";
import type { BuildOutcome } from "./build.ts";
import type { Column } from "./options.ts";
import type { Program } from "./programs.ts";
import { failureReason, runProc } from "./proc.ts";

export interface PeerStatus {
  readonly available: boolean;
  /** tool version, or why the column is missing */
  readonly detail: string;
  /** the interpreter to use: the venv's python (cython, mypyc) or pypy itself */
  readonly exe: string;
  /** PyPy's Python version (major, minor): before 3.10 its twin is made with --no-slots */
  readonly pyVersion?: readonly [number, number];
}

const PYDECORATORS = path.join(REPO_ROOT, "pydecorators");

/** Probes the venv for Cython and mypy: importable, and built on the same CPython as the target. */
async function probeVenv(venv: string, py: PyInfo, module: "Cython" | "mypy.version", label: string): Promise<PeerStatus> {
  const exe = path.join(venv, "bin/python");
  if (!existsSync(exe)) return { available: false, detail: `no venv at ${venv} (run: npm run bench:peers)`, exe };
  const version = module === "Cython" ? "Cython.__version__" : "mypy.version.__version__";
  const code = `import sys, sysconfig, ${module}; print(${version}); print(sysconfig.get_config_var('EXT_SUFFIX'))`;
  const r = await runProc(exe, ["-c", code], { timeoutMs: 60_000 });
  if (r.code !== 0) return { available: false, detail: `${label} not installed in ${venv} (run: npm run bench:peers)`, exe };
  const [ver, suffix] = r.stdout.trim().split("\n");
  // its extensions are loaded into the target interpreter's process: they must match it
  if (suffix !== py.extSuffix) return { available: false, detail: `${venv} is for ${suffix}, the benchmarks run on ${py.extSuffix}`, exe };
  return { available: true, detail: `${label} ${ver}`, exe };
}

async function probePyPy(exe: string): Promise<PeerStatus> {
  const r = await runProc(exe, ["-c", "import sys; print('%d %d' % sys.version_info[:2]); print(sys.version.replace(chr(10), ' '))"], { timeoutMs: 60_000 });
  if (r.error || r.code !== 0) return { available: false, detail: `${exe}: ${r.error ?? "does not run"}`, exe };
  const [ver, text] = r.stdout.trim().split("\n");
  const [major, minor] = (ver ?? "3 0").split(" ").map(Number);
  return { available: true, detail: `PyPy ${text ?? ""}`, exe, pyVersion: [major!, minor!] };
}

export async function detectPeers(columns: readonly Column[], py: PyInfo, venv: string, pypy: string): Promise<Map<Column, PeerStatus>> {
  const out = new Map<Column, PeerStatus>();
  if (columns.includes("cython")) out.set("cython", await probeVenv(venv, py, "Cython", "Cython"));
  if (columns.includes("mypyc")) out.set("mypyc", await probeVenv(venv, py, "mypy.version", "mypyc"));
  if (columns.includes("pypy")) out.set("pypy", await probePyPy(pypy));
  return out;
}

/**
 * Compiles a copy of the program's plain twin (`twin`) with Cython or mypyc in its own directory
 * (both write next to the source).
 */
export async function buildPeer(tool: "cython" | "mypyc", p: Program, twin: string, workDir: string, peer: PeerStatus, py: PyInfo): Promise<BuildOutcome> {
  const dir = path.join(workDir, tool);
  mkdirSync(dir, { recursive: true });
  copyFileSync(twin, path.join(dir, `${p.name}.py`));
  const args = tool === "cython"
    ? ["-m", "Cython.Build.Cythonize", "-i", "-3", "-q", `${p.name}.py`]
    : ["-m", "mypyc", `${p.name}.py`];
  const env = { ...process.env, MYPYPATH: PYDECORATORS, PYTHONPATH: PYDECORATORS };
  const r = await runProc(peer.exe, args, { cwd: dir, env, timeoutMs: 600_000 });
  const modulePath = path.join(dir, `${p.name}${py.extSuffix}`);
  if (r.code !== 0 || !existsSync(modulePath)) {
    return { ok: false, modulePath: null, seconds: r.seconds, reason: failureReason(r, 40), summary: [] };
  }
  return { ok: true, modulePath, seconds: r.seconds, reason: null, summary: [] };
}
