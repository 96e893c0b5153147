/**
 * Golden IR and facts: every `tests/cases/{irbuild,facts}/*.test` case is compiled by the real
 * pipeline; `[out ir NAME]` compares the printed IR of one function (guards and deopt edges
 * included), `[out facts]` the per-function facts. UPDATE=1 rewrites the sections in place.
 * The IR verifier runs on every case (compileModule with verify: true).
 */
import { test } from "node:test";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { checkOrUpdate, readCases } from "../harness/golden.ts";
import { compileModule } from "../../src/driver/pipeline.ts";
import { printFunc } from "../../src/ir/print.ts";

for (const stage of ["irbuild", "facts"]) {
  const dir = fileURLToPath(new URL(`../cases/${stage}/`, import.meta.url));
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".test")).sort()) {
    const path = join(dir, f);
    test(`golden ${stage}/${f}`, async () => {
      const cases = readCases(path);
      const results = new Map<string, Awaited<ReturnType<typeof compileModule>>>();
      for (const c of cases) {
        const file = { id: 0 as never, path: "main.py", absPath: "/main.py", text: c.input };
        results.set(c.name, await compileModule(file, "main", { all: true, dump: ["facts"], verify: true }));
      }
      checkOrUpdate(path, cases, (c, out) => {
        const r = results.get(c.name)!;
        if (out.kind === "facts") return r.dumps.get("facts") ?? "";
        if (out.kind === "ir") {
          const fn = r.ir.funcs.find((g) => g.qualname === out.arg);
          return fn ? printFunc(fn, r.ir) : `no compiled function ${out.arg}`;
        }
        return `unknown out kind ${out.kind}`;
      });
    });
  }
}
