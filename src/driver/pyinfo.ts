/**
 * Facts about a target CPython interpreter, read from the interpreter itself.
 *
 * In:  an interpreter command or path (`python3`, `/usr/bin/python3.12`, a pyenv shim…).
 * Out: `probePython(exe)` → `{ ok: true, py: PyInfo }` or `{ ok: false, diag }` (a missing or
 *      unsupported interpreter is the user's problem, so it is a Diagnostic, never a throw);
 *      `findPythons()` → one interpreter path per distinct CPython 3.11–3.13 version installed.
 *
 * Invariants:
 *  - one process per interpreter per spyc process: results (including failures) are cached by the
 *    exe string as given, and concurrent callers share the same pending probe; successful probes
 *    are also cached on disk across spyc runs, keyed by the interpreter file's identity;
 *  - `PyInfo.exe` is the interpreter's own `sys.executable` (absolute). We deliberately do not
 *    realpath it: a venv's python is a symlink to the base interpreter, and following it would
 *    silently leave the venv;
 *  - the probe script is valid Python 2 and 3, so even `python2` gets a clear version diagnostic
 *    instead of a SyntaxError from our own script.
 */
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { cacheRoot, executableIdentity, writeFileAtomic } from "./cache.ts";
import * as os from "node:os";
import * as path from "node:path";
import type { Diagnostic, MessageDef } from "../diag/types.ts";
import { formatMessage } from "../diag/types.ts";
import { Msg } from "../diag/messages.ts";

export interface PyInfo {
  /** absolute path of the interpreter (its sys.executable) */
  readonly exe: string;
  readonly version: readonly [number, number, number];
  readonly hexversion: number;
  /** sysconfig.get_paths()["include"]: where Python.h lives */
  readonly include: string;
  /** sysconfig EXT_SUFFIX, e.g. ".cpython-312-x86_64-linux-gnu.so" */
  readonly extSuffix: string;
  /** sys.platform */
  readonly platform: string;
  /** sys.implementation.cache_tag, e.g. "cpython-312" */
  readonly cacheTag: string;
}

export type ProbeResult = { readonly ok: true; readonly py: PyInfo } | { readonly ok: false; readonly diag: Diagnostic };

export const SUPPORTED_MINORS: readonly number[] = [11, 12, 13];

// Printed as the last stdout line so a chatty sitecustomize cannot confuse the parser.
const PROBE_SCRIPT = [
  "import sys, json, sysconfig",
  "impl = getattr(sys, 'implementation', None)",
  "print(json.dumps({",
  "  'exe': sys.executable,",
  "  'version': list(sys.version_info[:3]),",
  "  'hexversion': sys.hexversion,",
  "  'include': sysconfig.get_paths()['include'],",
  "  'extSuffix': sysconfig.get_config_var('EXT_SUFFIX'),",
  "  'platform': sys.platform,",
  "  'cacheTag': getattr(impl, 'cache_tag', None),",
  "  'impl': getattr(impl, 'name', 'cpython'),",
  "}))",
].join("\n");

const PROBE_TIMEOUT_MS = 30_000;
const cache = new Map<string, Promise<ProbeResult>>();

export function probePython(exe: string): Promise<ProbeResult> {
  let p = cache.get(exe);
  if (!p) {
    p = probeWithDiskCache(exe);
    cache.set(exe, p);
  }
  return p;
}

/**
 * Successful probes are also kept on disk (`<cache>/pyinfo/`), keyed by the exe string, the file
 * it resolves to on PATH and that file's identity (device, inode, size, mtime): a reinstalled or
 * upgraded interpreter is a new key. For a pyenv shim the key also holds pyenv's selection
 * inputs (pyenvSelection).
 */
async function probeWithDiskCache(exe: string): Promise<ProbeResult> {
  const id = interpreterIdentity(exe);
  const file = id === null ? null : path.join(cacheRoot(), "pyinfo", `${createHash("sha256").update(id).digest("hex").slice(0, 32)}.json`);
  if (file) {
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as { id: string; py: PyInfo };
      if (saved.id === id && saved.py && typeof saved.py.include === "string") return { ok: true, py: saved.py };
    } catch { /* missing or unreadable: probe */ }
  }
  const r = await runProbe(exe);
  if (r.ok && file) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ id, py: r.py }) + "\n");
    } catch { /* a read-only cache only costs a probe */ }
  }
  return r;
}

/**
 * What a pyenv shim will run depends on $PYENV_VERSION, else the nearest `.python-version` above
 * the working directory, else `<root>/version`: the key holds all three, and the identity of the
 * interpreter file each version named there would run.
 */
function pyenvSelection(root: string, program: string): unknown[] {
  const read = (f: string): string | null => { try { return readFileSync(f, "utf8"); } catch { return null; } };
  let local: [string, string] | null = null;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const text = read(path.join(dir, ".python-version"));
    if (text !== null) { local = [dir, text]; break; }
    if (path.dirname(dir) === dir) break;
  }
  const global = read(path.join(root, "version"));
  const names = [process.env["PYENV_VERSION"] ?? "", local?.[1] ?? "", global ?? ""].join("\n").split(/[\s:]+/).filter(Boolean);
  const files = [...new Set(names)].map((v) => {
    try { const st = statSync(path.join(root, "versions", v, "bin", program)); return [v, st.ino, st.size, st.mtimeMs]; } catch { return [v, null]; }
  });
  return [process.env["PYENV_VERSION"] ?? null, local, global, files];
}

function interpreterIdentity(exe: string): string | null {
  const id = executableIdentity(exe);
  if (id === null) return null;
  const shim = /^(.*)\/shims\/([^/]+)$/.exec(id.real);
  return JSON.stringify([exe, ...id.key, ...(shim ? pyenvSelection(shim[1]!, shim[2]!) : [])]);
}

/** Test hook: forget cached probes (e.g. after installing an interpreter). */
export function clearPythonCache(): void {
  cache.clear();
}

function fail(def: MessageDef, ...args: string[]): ProbeResult {
  return { ok: false, diag: { file: null, span: null, code: def.code, severity: def.severity, message: formatMessage(def, args) } };
}

interface RawProbe {
  exe: unknown; version: unknown; hexversion: unknown; include: unknown;
  extSuffix: unknown; platform: unknown; cacheTag: unknown; impl: unknown;
}

function runProbe(exe: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(exe, ["-c", PROBE_SCRIPT], { timeout: PROBE_TIMEOUT_MS, encoding: "utf8", windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "no such file or command"
          : code === "EACCES" ? "permission denied"
          : (stderr.trim().split("\n").pop() || err.message);
        resolve(fail(Msg.PythonNotFound, exe, why));
        return;
      }
      resolve(interpret(exe, stdout));
    });
  });
}

function interpret(exe: string, stdout: string): ProbeResult {
  const last = stdout.trim().split("\n").pop() ?? "";
  let raw: RawProbe;
  try {
    raw = JSON.parse(last) as RawProbe;
  } catch {
    return fail(Msg.PythonProbeFailed, exe, `unexpected output ${JSON.stringify(last.slice(0, 200))}`);
  }
  const v = raw.version;
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === "number")) {
    return fail(Msg.PythonProbeFailed, exe, "no version in probe output");
  }
  const version = [v[0], v[1], v[2]] as [number, number, number];
  if (raw.impl !== "cpython") return fail(Msg.PythonNotCPython, exe, String(raw.impl));
  if (version[0] !== 3 || !SUPPORTED_MINORS.includes(version[1])) {
    return fail(Msg.PythonUnsupportedVersion, exe, version.join("."));
  }
  const str = (x: unknown) => (typeof x === "string" && x !== "" ? x : null);
  const exePath = str(raw.exe), include = str(raw.include), extSuffix = str(raw.extSuffix);
  const platform = str(raw.platform), cacheTag = str(raw.cacheTag);
  if (!exePath || !include || !extSuffix || !platform || !cacheTag || typeof raw.hexversion !== "number") {
    return fail(Msg.PythonProbeFailed, exe, "incomplete sysconfig (is this a full CPython install with headers?)");
  }
  return { ok: true, py: { exe: path.resolve(exePath), version, hexversion: raw.hexversion, include, extSuffix, platform, cacheTag } };
}

/**
 * Every CPython 3.11–3.13 on this machine, one per distinct micro version, sorted by version:
 * `python3` and `python3.1x` on PATH, plus `$(pyenv root)/versions/3.1[123]*\/bin/python3`.
 * Interpreters that fail to probe are skipped silently: this is discovery, not a requirement.
 */
export async function findPythons(): Promise<string[]> {
  const candidates = ["python3", ...SUPPORTED_MINORS.map((m) => `python3.${m}`)];
  const root = await pyenvRoot();
  if (root) {
    const versions = await readdir(path.join(root, "versions")).catch(() => [] as string[]);
    for (const v of versions.sort()) {
      if (/^3\.1[123](\.|$)/.test(v)) candidates.push(path.join(root, "versions", v, "bin", "python3"));
    }
  }
  const probes = await Promise.all(candidates.map((c) => probePython(c)));
  const byVersion = new Map<string, PyInfo>();
  for (const r of probes) {
    if (!r.ok) continue;
    const key = r.py.version.join(".");
    if (!byVersion.has(key)) byVersion.set(key, r.py);
  }
  return [...byVersion.values()].sort((a, b) => a.hexversion - b.hexversion).map((p) => p.exe);
}

function pyenvRoot(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile("pyenv", ["root"], { timeout: 10_000, encoding: "utf8" }, (err, stdout) => {
      if (!err && stdout.trim()) return resolve(stdout.trim());
      // No pyenv on PATH: fall back to its documented defaults, which may still hold versions.
      resolve(process.env["PYENV_ROOT"] ?? path.join(os.homedir(), ".pyenv"));
    });
  });
}
