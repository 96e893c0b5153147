/**
 * `$CC --version`, kept on disk (`<cache>/ccversion/`) so that a build does not spawn the
 * compiler only to ask its identity: one process fewer per cold build (node forks itself for
 * each spawn: 3-5 ms of its CPU this early, more once its heap has grown). Key: the $CC words
 * and, for each that names a program (the compiler, or the one behind `ccache gcc`), its identity
 * (cache.ts executableIdentity: path, inode, size, mtime), so an upgraded or replaced compiler
 * is probed again. A wrapper script that picks another compiler without changing itself is not
 * seen; SPYC_CACHE_DIR or touching the script renews it. Failures are never stored.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { cacheRoot, executableIdentity, writeFileAtomic } from "./cache.ts";

export async function cachedCompilerVersion(words: readonly string[], probe: () => Promise<string | Error>): Promise<string | Error> {
  const id = compilerIdentity(words);
  const file = id === null ? null : path.join(cacheRoot(), "ccversion", `${createHash("sha256").update(id).digest("hex").slice(0, 32)}.json`);
  if (file) {
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as { id: string; version: unknown };
      if (saved.id === id && typeof saved.version === "string") return saved.version;
    } catch { /* missing or unreadable: probe */ }
  }
  const version = await probe();
  if (file && typeof version === "string") {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ id, version }) + "\n");
    } catch { /* a read-only cache only costs a probe */ }
  }
  return version;
}

/** null (never cached) when the compiler itself is not found: the probe reports that */
function compilerIdentity(words: readonly string[]): string | null {
  const parts: unknown[] = [];
  for (const [i, w] of words.entries()) {
    const id = w.startsWith("-") ? null : executableIdentity(w);
    if (id === null && i === 0) return null;
    parts.push(id === null ? w : [w, ...id.key]);
  }
  return JSON.stringify(parts);
}
