/**
 * Golden AST dumps: every `tests/cases/syntax/*.test` case is parsed and printed with
 * `printAst`; `[out ast]` sections must match (UPDATE=1 rewrites them).
 */
import { test } from "node:test";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { checkOrUpdate, readCases } from "../harness/golden.ts";
import { printAst, initParser, parseSync } from "../../src/syntax/index.ts";

const DIR = fileURLToPath(new URL("../cases/syntax/", import.meta.url));

for (const f of readdirSync(DIR).filter((n) => n.endsWith(".test")).sort()) {
  const path = join(DIR, f);
  test(`golden ${f}`, async () => {
    await initParser();
    const cases = readCases(path);
    checkOrUpdate(path, cases, (c, out) => {
      if (out.kind !== "ast") return `unknown out kind ${out.kind}`;
      const file = { id: 0 as never, path: `${c.name}.py`, absPath: `/${c.name}.py`, text: c.input };
      return printAst(parseSync(file), file);
    });
  });
}
