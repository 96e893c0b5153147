/**
 * driver/ccVersion.ts: `$CC --version` is probed once per compiler file, again when that file
 * (or the $CC words) change; failures and missing compilers are never stored.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cachedCompilerVersion } from "../../src/driver/ccVersion.ts";
import { resetCacheRoot } from "../../src/driver/cache.ts";

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
