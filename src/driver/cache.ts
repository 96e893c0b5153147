/**
 * spyc's cache directory and the file primitives every cache user shares.
 *
 * Where: $SPYC_CACHE_DIR, else $XDG_CACHE_HOME/spyc, else ~/.cache/spyc; when that cannot be
 * created or written (a read-only home, a sandbox), a per-user directory under the system temp
 * dir. Layout: `build/` (build.ts: modules, runtime objects, generated C), `pyinfo/`
 * (pyinfo.ts: interpreter probes), `ccversion/` (ccVersion.ts: `$CC --version`), `front/`
 * (frontCache.ts).
 *
 * Invariants:
 *  - every write is a temp file in the same directory + rename, so readers (other processes
 *    included) see the old file or the new one, never half of one;
 *  - `writeVerified` stores a sha256 of the bytes beside the file (`<file>.sum`, written after
 *    it); `readVerified` returns the bytes only when they match, so a truncated, corrupted or
 *    mismatched entry is a miss, never an input.
 */
import { createHash, randomBytes } from "node:crypto";
import { accessSync, constants, mkdirSync, realpathSync, rmSync, statSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

let rootMemo: string | null = null;

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (rootMemo !== null && env === process.env) return rootMemo;
  const wanted = env["SPYC_CACHE_DIR"] ? path.resolve(env["SPYC_CACHE_DIR"])
    : env["XDG_CACHE_HOME"] && path.isAbsolute(env["XDG_CACHE_HOME"]) ? path.join(env["XDG_CACHE_HOME"], "spyc")
    : path.join(os.homedir(), ".cache", "spyc");
  let root = wanted;
  try {
    mkdirSync(wanted, { recursive: true });
    accessSync(wanted, constants.W_OK);
  } catch {
    const uid = typeof process.getuid === "function" ? String(process.getuid()) : os.userInfo().username;
    root = path.join(os.tmpdir(), `spyc-cache-${uid}`);
  }
  if (env === process.env) rootMemo = root;
  return root;
}

/** Test hook: forget the memoized cache root (after changing the environment). */
export function resetCacheRoot(): void {
  rootMemo = null;
}

/** A hidden sibling of `file`: same directory, hence same filesystem, hence rename is atomic. */
export function tempNameFor(file: string): string {
  const tag = `${process.pid}.${randomBytes(4).toString("hex")}`;
  return path.join(path.dirname(file), `.${path.basename(file)}.${tag}.tmp`);
}

const liveTemps = new Set<string>();

/** Removes (synchronously) the temp files of writes still in progress: for signal handlers. */
export function removeLiveTemps(): void {
  for (const t of liveTemps) rmSync(t, { force: true });
  liveTemps.clear();
}

/** Writes via a temp file in the same directory plus rename, so readers see old or new, never half. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempNameFor(file);
  liveTemps.add(tmp);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  } finally {
    liveTemps.delete(tmp);
  }
}

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** Stores bytes and their checksum (both atomically; the checksum last). */
export async function writeVerified(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, bytes);
  await writeFileAtomic(`${file}.sum`, sha256(bytes) + "\n");
}

/** The bytes of a verified entry, or null (missing, unreadable, or not matching its checksum). */
export async function readVerified(file: string): Promise<Buffer | null> {
  try {
    const [bytes, sum] = await Promise.all([fs.readFile(file), fs.readFile(`${file}.sum`, "utf8")]);
    return bytes.length > 0 && sha256(bytes) === sum.trim() ? bytes : null;
  } catch {
    return null;
  }
}

/**
 * The file a program name runs (looked up on $PATH as execvp does, unless it holds a `/`) and
 * its identity: `key` = [path, real path, device, inode, size, mtime], which changes when the
 * program is replaced, upgraded or re-pointed (a symlink). Null when there is no such program.
 */
export function executableIdentity(exe: string): { real: string; key: unknown[] } | null {
  let resolved: string | null = null;
  if (exe.includes("/")) resolved = path.resolve(exe);
  else {
    for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
      if (!dir) continue;
      const p = path.join(dir, exe);
      try { accessSync(p, constants.X_OK); if (statSync(p).isFile()) { resolved = p; break; } } catch { /* next */ }
    }
  }
  if (resolved === null) return null;
  try {
    const real = realpathSync(resolved);
    const st = statSync(real);
    return { real, key: [resolved, real, st.dev, st.ino, st.size, st.mtimeMs] };
  } catch {
    return null;
  }
}
