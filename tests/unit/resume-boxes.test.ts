/**
 * cgen/resumeBoxes.ts: which resume points of a split function share one boxing run. On compiled
 * programs, every group has two or more deopt blocks that start with the same run (same registers
 * boxed, from the same sources, under the same presence flags), nothing in the generic half jumps
 * to them, and the C has one run per group, entered from the resume switch with the block's line.
 * (What the generic code computes after such a resume is the differential suite's:
 * tests/diff/control/control_resume_points.py.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compileModule } from "../../src/driver/pipeline.ts";
import { planSplit } from "../../src/cgen/split.ts";
import { shareResumeBoxes } from "../../src/cgen/resumeBoxes.ts";
import { guardEdges, succs } from "../../src/ir/cfg.ts";

test("shareResumeBoxes over compiled programs: identical leading runs, entered only at resume", async () => {
  let shared = 0;
  for (const path of ["benchmarks/build/sample100.py", "benchmarks/programs/nbody.py", "benchmarks/programs/stats.py", "tests/diff/control/control_resume_points.py"]) {
    const file = { id: 0 as never, path, absPath: path, text: readFileSync(path, "utf8") };
    const res = await compileModule(file, "m", { all: true, dump: [], verify: true });
    for (const f of res.ir.funcs) {
      const p = planSplit(f);
      if (p === null) continue;
      const s = shareResumeBoxes(f, p);
      const byId = new Map(f.blocks.map((b) => [b.id, b]));
      const intoGeneric = new Set(f.blocks.filter((b) => !p.hot.has(b.id)).flatMap((b) => [...succs(b.term), ...b.ops.flatMap(guardEdges)]));
      s.groups.forEach((g, k) => {
        assert.ok(g.blocks.length >= 2, `${f.name}: group ${k} has one block`);
        for (const t of g.blocks) {
          assert.ok(p.resumeAt.includes(t), `${f.name}: L${t} is not a resume point`);
          assert.ok(!intoGeneric.has(t), `${f.name}: L${t} is entered from generic code`);
          assert.deepEqual(s.at.get(t), { group: k, len: g.ops.length });
          const lead = byId.get(t)!.ops.slice(0, g.ops.length);
          assert.deepEqual(lead.map((o) => o.kind === "box" && [o.dst, o.src, o.ifSet]), g.ops.map((o) => o.kind === "box" && [o.dst, o.src, o.ifSet]), `${f.name}: L${t}`);
          assert.ok(lead.every((o) => o.line === lead[0]!.line));
          shared++;
        }
      });
    }
    // the C: each shared run once, reached from the resume switch with the line of its block
    const defs = res.unit.text.match(/^\s*RB\d+: __attribute__\(\(cold\)\);$/gm) ?? [];
    const cases = res.unit.text.match(/case \d+: lineno = \d+; goto RB\d+;/g) ?? [];
    assert.ok(defs.length > 0 && cases.length >= 2 * defs.length, `${path}: ${defs.length} runs, ${cases.length} resume cases`);
  }
  assert.ok(shared > 10, `${shared} resume points share a run`);
});
