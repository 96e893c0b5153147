/**
 * The front-end cache: lets a rebuild of unchanged sources skip the syntax check, the compiler
 * pipeline and the C compiler, copying the module straight out of the build cache.
 *
 * Key: a sha256 over everything the front end reads — the spyc compiler's own code (a
 * fingerprint of its files), the runtime's include files, the target python (PyInfo), every
 * build option (all of BuildOptions but the file list and presentation), $CC, $CFLAGS and every
 * SPYC_* variable, and per module its absolute path, module name and source text.
 * Value (`<cache>/front/<key>.json`): the build-cache entry of the module (checked by its
 * sha256 when used, build.ts) and the summary of its functions. Sources with compiler warnings
 * are not stored, so a hit never hides a diagnostic.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import { cacheRoot, writeFileAtomic } from "./cache.ts";
import { PACKAGE_ROOT } from "./paths.ts";
import type { PyInfo } from "./pyinfo.ts";
import type { FuncSummary } from "./pipeline.ts";

export interface FrontEntry {
  readonly soEntry: string;
  readonly funcs: readonly FuncSummary[];
}

let codeFingerprint: string | null = null;

/** Identity of spyc's own code and runtime: path, size and mtime of every file (no reads). */
function spycFingerprint(): string {
  if (codeFingerprint !== null) return codeFingerprint;
  const h = createHash("sha256");
  const walk = (dir: string): void => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { return; }
    for (const name of names) {
      const p = path.join(dir, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  for (const d of ["src", "build/src", "specializer/include", "specializer/src", "package.json"]) {
    const p = path.join(PACKAGE_ROOT, d);
    if (d.endsWith(".json")) h.update(readFileSync(p));
    else walk(p);
  }
  codeFingerprint = h.digest("hex");
  return codeFingerprint;
}

export function frontKey(py: PyInfo, options: unknown, absPath: string, moduleName: string, text: string): string {
  // every SPYC_ knob may change what is built, except where the cache is and the timing trace
  // (SPYC_TIME=1 must time the same cached builds a user gets)
  const env = Object.entries(process.env).filter(([k]) => k === "CC" || k === "CFLAGS" || (k.startsWith("SPYC_") && k !== "SPYC_CACHE_DIR" && k !== "SPYC_TIME")).sort();
  const h = createHash("sha256");
  for (const part of ["front/1", spycFingerprint(), JSON.stringify(py), JSON.stringify(options), JSON.stringify(env), absPath, moduleName, text]) {
    const b = Buffer.from(part, "utf8");
    h.update(`${b.length}:`);
    h.update(b);
  }
  return h.digest("hex");
}

function entryPath(key: string): string {
  return path.join(cacheRoot(), "front", key.slice(0, 2), `${key}.json`);
}

export function readFront(key: string): FrontEntry | null {
  try {
    const e = JSON.parse(readFileSync(entryPath(key), "utf8")) as { key: string; entry: FrontEntry };
    return e.key === key && typeof e.entry?.soEntry === "string" && Array.isArray(e.entry.funcs) ? e.entry : null;
  } catch {
    return null;
  }
}

export async function writeFront(key: string, entry: FrontEntry): Promise<void> {
  const file = entryPath(key);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ key, entry }) + "\n");
  } catch { /* a read-only cache only costs speed */ }
}
