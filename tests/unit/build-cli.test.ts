/**
 * bin/freshness.mjs decides whether bin/spyc.mjs may run the compiled JavaScript in build/:
 * the fingerprint of src/ must change whenever a TypeScript file is edited, added, removed or
 * renamed, and must not change otherwise (non-.ts files, re-reading).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
// @ts-expect-error: plain ESM helper of the launcher, no type declarations
import { sourceFingerprint } from "../../bin/freshness.mjs";

test("the source fingerprint follows every .ts edit, addition, removal and rename", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-fresh-"));
  try {
    const src = path.join(root, "src");
    mkdirSync(path.join(src, "driver"), { recursive: true });
    writeFileSync(path.join(src, "cli.ts"), "export {};\n");
    writeFileSync(path.join(src, "driver", "build.ts"), "export const a = 1;\n");
    const fp = (): string => sourceFingerprint(src) as string;
    const base = fp();
    assert.equal(fp(), base, "stable");
    writeFileSync(path.join(src, "notes.md"), "not code\n");
    assert.equal(fp(), base, "non-.ts files do not count");

    const seen = new Set([base]);
    const expectNew = (what: string): void => {
      const now = fp();
      assert.ok(!seen.has(now), what);
      seen.add(now);
    };
    writeFileSync(path.join(src, "driver", "build.ts"), "export const a = 2;\n");
    utimesSync(path.join(src, "driver", "build.ts"), new Date(), new Date(Date.now() + 5000));
    expectNew("edit");
    writeFileSync(path.join(src, "driver", "cache.ts"), "export {};\n");
    expectNew("addition");
    renameSync(path.join(src, "driver", "cache.ts"), path.join(src, "driver", "cache2.ts"));
    expectNew("rename");
    rmSync(path.join(src, "driver", "cache2.ts"));
    assert.notEqual(fp(), base, "the edit of build.ts still shows after the removal");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
