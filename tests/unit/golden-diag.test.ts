/**
 * Golden diagnostics: each `tests/cases/diag/*.test` case is checked by the target CPython's
 * parser (python3) and rendered as users see it (`file:line:col: error CODE: msg` + caret).
 * UPDATE=1 rewrites the `[out diag]` sections in place.
 */
import { test } from "node:test";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { checkOrUpdate, readCases } from "../harness/golden.ts";
import { probePython } from "../../src/driver/pyinfo.ts";
import { checkSyntax } from "../../src/driver/syntaxcheck.ts";
import { renderAll } from "../../src/diag/render.ts";

const DIR = fileURLToPath(new URL("../cases/diag/", import.meta.url));

for (const f of readdirSync(DIR).filter((n) => n.endsWith(".test")).sort()) {
  const path = join(DIR, f);
  test(`golden diag/${f}`, async () => {
    const probe = await probePython("python3");
    if (!probe.ok) throw new Error("python3 not usable");
    const cases = readCases(path);
    const rendered = new Map<string, string>();
    for (const c of cases) {
      const file = { id: 0 as never, path: "main.py", absPath: "/tmp/main.py", text: c.input };
      rendered.set(c.name, renderAll(await checkSyntax(probe.py, [file]), { color: false }));
    }
    checkOrUpdate(path, cases, (c) => rendered.get(c.name)!);
  });
}
