/**
 * Specialization coverage of code written the way users write it: every @checked function of
 * the benchmark programs and the examples must get a specialized body. The only accepted
 * generic-only reason is a contract that gives nothing to unbox (no number parameter or local);
 * a function that stays interpreted or generic for any other reason fails the test, naming it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { compileModule, type FuncSummary } from "../../src/driver/pipeline.ts";
import type { FileId, SourceFile } from "../../src/syntax/source.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DIRS = ["benchmarks/programs", "examples"];

function sources(): SourceFile[] {
  const out: SourceFile[] = [];
  for (const d of DIRS) {
    for (const name of readdirSync(path.join(ROOT, d)).sort()) {
      if (!name.endsWith(".py")) continue;
      const abs = path.join(ROOT, d, name);
      out.push({ id: out.length as FileId, path: path.join(d, name), absPath: abs, text: readFileSync(abs, "utf8") });
    }
  }
  return out;
}

/** Why a @checked function is not specialized (null: it is, or it has nothing to unbox). */
export function notSpecialized(f: FuncSummary): string | null {
  if (!f.checked) return null;
  if (!f.compiled) return `interpreted: ${f.reason ?? "?"}`;
  if (f.spec === null) return "no specialization attempted";
  if (f.spec.ok || f.spec.reason.startsWith("nothing to unbox")) return null;
  return `generic: ${f.spec.reason}`;
}

test("notSpecialized can fail", () => {
  const base = { qualname: "f", line: 1, compiled: true, checked: true, reason: null } as const;
  assert.equal(notSpecialized({ ...base, spec: { ok: true, boxed: [] } }), null);
  assert.equal(notSpecialized({ ...base, spec: { ok: false, reason: "nothing to unbox (no int…)" } }), null);
  assert.match(notSpecialized({ ...base, spec: { ok: false, reason: "call" } }) ?? "", /generic: call/);
  assert.match(notSpecialized({ ...base, compiled: false, reason: "comprehension", spec: null }) ?? "", /interpreted: comprehension/);
});

test("every @checked function of the benchmark programs and examples is specialized", async () => {
  const files = sources();
  assert.ok(files.length >= 10, `found only ${files.length} programs`);
  const bad: string[] = [];
  let checked = 0;
  for (const file of files) {
    const stem = path.basename(file.path, ".py");
    const res = await compileModule(file, stem, { all: false, dump: [], verify: true });
    for (const f of res.funcs) {
      if (f.checked) checked++;
      const why = notSpecialized(f);
      if (why !== null) bad.push(`${file.path}:${f.line} ${f.qualname}: ${why}`);
    }
  }
  assert.ok(checked >= 40, `only ${checked} @checked functions found`);
  assert.deepEqual(bad, [], `not specialized:\n${bad.join("\n")}`);
});

test("a function computing no number says why it stays generic; zero-argument super() does not", async () => {
  const text = `from spyc import checked


def show(items):
    for x in items:
        print(x)


@checked
def names(xs: list) -> str:
    out = ""
    for x in xs:
        out += str(x)
    return out


class Base:
    def __init__(self, n: int):
        self.n = n


class Sub(Base):
    def __init__(self, n: int, k: int):
        super().__init__(n)
        t = 0
        for i in range(k):
            t += i
        self.t = t
`;
  const file: SourceFile = { id: 0 as FileId, path: "nothing.py", absPath: "/nothing.py", text };
  const res = await compileModule(file, "nothing", { all: true, dump: [], verify: true });
  const why = new Map(res.funcs.map((f) => [f.qualname, f.spec === null ? "none" : f.spec.ok ? "specialized" : f.spec.reason]));
  assert.equal(why.get("show"), "plain function: no int/float/bool value to unbox (generic code only)");
  assert.equal(why.get("names"), "nothing to unbox (no int, float or bool parameter or local)");
  assert.equal(why.get("Sub.__init__"), "specialized");
});
