/**
 * `spyc annotate`: a static HTML page of one module's source, each line shaded by what runs it
 * (like `cython -a`):
 *   specialized  — unboxed code of a specialized @checked function;
 *   generic      — compiled, but on boxed objects (a function the specializer left generic, or a
 *                  statement/test of a specialized function that runs generically);
 *   interpreted  — CPython bytecode (module body, class bodies, functions not compiled).
 * Hovering a line shows why (and the values boxed there when a guard fails); clicking it shows
 * its IR and C (the IR printer's `stmt@N`/`deopt@N` blocks and cgen's `/* file.py:N: ... *\/`
 * markers). Given a SPYC_STATS JSON file, each line also shows its guard failure count.
 * In: the source text and a CompileResult (with the `ir` and `c` dumps). Out: HTML text.
 */
import path from "node:path";
import type { CompileResult, FuncSummary } from "../driver/pipeline.ts";

export type LineKind = "spec" | "generic" | "interp" | "blank";

export interface StatSiteIn {
  readonly file: string;
  readonly line: number;
  readonly col?: number;
  readonly guard: string;
  readonly function?: string;
  readonly failures: number;
}

export interface LineInfo {
  readonly line: number;
  readonly text: string;
  kind: LineKind;
  reason: string;
  boxed: string[];
  ir: string[];
  c: string[];
  failures: number;
  guards: string[];
}

interface DefRange {
  readonly qualname: string;
  readonly first: number; // first decorator or the def line
  readonly def: number;
  readonly last: number;
}

const KIND_LABEL: Record<LineKind, string> = {
  spec: "specialized",
  generic: "generic (compiled, boxed objects)",
  interp: "interpreted (CPython bytecode)",
  blank: "",
};

/** Module- and class-level defs of `src` with their qualnames and line ranges (1-based). */
export function defRanges(src: string): DefRange[] {
  const lines = src.split("\n");
  const indentOf = (s: string) => s.length - s.trimStart().length;
  const isCode = (s: string) => s.trim() !== "" && !s.trimStart().startsWith("#");
  const out: DefRange[] = [];
  const classes: { indent: number; name: string }[] = [];
  let inDefUntilIndent = -1; // inside a function body: lines deeper than this belong to it
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    if (!isCode(s)) continue;
    const ind = indentOf(s);
    if (inDefUntilIndent >= 0) {
      if (ind > inDefUntilIndent) continue;
      inDefUntilIndent = -1;
    }
    while (classes.length && ind <= classes[classes.length - 1]!.indent) classes.pop();
    const cls = /^\s*class\s+([A-Za-z_]\w*)/.exec(s);
    if (cls) { classes.push({ indent: ind, name: cls[1]! }); continue; }
    const d = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/.exec(s);
    if (!d) continue;
    let first = i;
    while (first > 0 && /^\s*@/.test(lines[first - 1]!)) first--;
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j]!;
      if (!isCode(t)) continue;
      if (indentOf(t) <= ind) break;
      last = j;
    }
    // a signature spanning lines: continuation lines may be less indented; take them too
    if (last === i) for (let j = i + 1; j < lines.length && !/:\s*(#.*)?$/.test(lines[j - 1]!); j++) last = j;
    const qual = [...classes.map((c) => c.name), d[1]!].join(".");
    out.push({ qualname: qual, first: first + 1, def: i + 1, last: last + 1 });
    inDefUntilIndent = ind;
  }
  return out;
}

/** IR text lines per source line, from the IR dump (`def` headers, `# stmt@N` / `# deopt@N` blocks). */
export function irByLine(irText: string, res: CompileResult): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const defLine = new Map(res.ir.funcs.map((f) => [f.qualname, f.defLine]));
  let cur: number | null = null;
  for (const l of irText.split("\n")) {
    const def = /^(?:async )?def ([\w.<>]+)\(/.exec(l);
    if (def) cur = defLine.get(def[1]!) ?? null;
    const at = /^L\d+:\s+#\s*[\w.]*@(\d+)/.exec(l);
    if (at) cur = Number(at[1]);
    if (cur !== null && l.trim() !== "") {
      const a = out.get(cur) ?? [];
      a.push(l);
      out.set(cur, a);
    }
  }
  return out;
}

/** C text lines per source line, from cgen's `/* file.py:N: ... *\/` markers (to the function's end). */
export function cByLine(cText: string, fileName: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const esc = fileName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const marker = new RegExp(`^\\s*/\\* ${esc}:(\\d+): `);
  let cur: number | null = null;
  for (const l of cText.split("\n")) {
    const m = marker.exec(l);
    if (m) cur = Number(m[1]);
    if (cur !== null) {
      const a = out.get(cur) ?? [];
      if (a.length < 400) a.push(l);
      out.set(cur, a);
    }
    if (l === "}") cur = null;
  }
  return out;
}

function classifyFunction(info: LineInfo[], r: DefRange, f: FuncSummary | undefined): void {
  let kind: LineKind;
  let reason: string;
  if (!f) {
    kind = "interp";
    reason = "not compiled";
  } else if (!f.compiled) {
    kind = "interp";
    const why = f.reason ?? (f.checked ? null : "not @checked (built with --checked-only)");
    reason = `${f.qualname}: interpreted${why ? ` — ${why}` : ""}`;
  } else if (f.spec?.ok) {
    kind = "spec";
    reason = `${f.qualname}: specialized (unboxed int64/double/bool locals, guards deopt to generic code)`;
  } else {
    kind = "generic";
    reason = `${f.qualname}: compiled generic code on boxed objects${f.spec ? ` — not specialized: ${f.spec.reason}` : ""}`;
  }
  for (let n = r.first; n <= r.last; n++) {
    const li = info[n - 1]!;
    if (li.kind === "blank") continue;
    li.kind = kind;
    li.reason = reason;
  }
  if (f?.compiled && f.spec?.ok) {
    const KIND = { island: "this statement runs generically", test: "this test runs generically", exit: "generic from here to the end of the call" };
    for (const b of f.spec.boxed) {
      const li = info[b.line - 1];
      if (!li) continue;
      li.kind = "generic";
      li.reason = `${f.qualname}: ${KIND[b.kind]} (column ${b.col}): ${b.why}`;
      if (b.kind === "exit") {
        for (let n = b.line + 1; n <= r.last; n++) {
          const lj = info[n - 1]!;
          if (lj.kind === "spec") { lj.kind = "generic"; lj.reason = `${f.qualname}: generic after line ${b.line}: ${b.why}`; }
        }
      }
    }
  }
}

/** Everything the page shows, per source line. */
export function analyze(source: string, fileName: string, absPath: string, res: CompileResult, stats: readonly StatSiteIn[]): LineInfo[] {
  const lines = source.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const info: LineInfo[] = lines.map((text, i) => {
    const blank = text.trim() === "" || text.trimStart().startsWith("#");
    return { line: i + 1, text, kind: blank ? "blank" : "interp", reason: blank ? "" : "module body: CPython bytecode", boxed: [], ir: [], c: [], failures: 0, guards: [] };
  });
  // class bodies
  let classIndent = -1;
  for (const li of info) {
    if (li.kind === "blank") continue;
    const ind = li.text.length - li.text.trimStart().length;
    if (classIndent >= 0 && ind <= classIndent) classIndent = -1;
    if (/^\s*class\s/.test(li.text) && classIndent < 0) classIndent = ind;
    if (classIndent >= 0) li.reason = "class body: CPython bytecode";
  }
  const byQual = new Map(res.funcs.map((f) => [f.qualname, f]));
  for (const r of defRanges(lines.join("\n"))) classifyFunction(info, r, byQual.get(r.qualname));

  const ir = irByLine(res.dumps.get("ir") ?? "", res);
  const c = cByLine(res.dumps.get("c") ?? res.unit.text, fileName);
  for (const li of info) {
    li.ir = ir.get(li.line) ?? [];
    li.c = c.get(li.line) ?? [];
    li.boxed = li.ir.filter((l) => / = box /.test(l)).map((l) => l.trim());
  }
  for (const s of stats) {
    if (!(s.file === absPath || path.resolve(s.file) === absPath || path.basename(s.file) === fileName)) continue;
    const li = info[s.line - 1];
    if (!li || !s.failures) continue;
    li.failures += s.failures;
    li.guards.push(`${s.guard}${s.function ? ` in ${s.function}` : ""}: ${s.failures} failure${s.failures === 1 ? "" : "s"}`);
  }
  return info;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function tooltip(li: LineInfo): string {
  const parts = [KIND_LABEL[li.kind], li.reason];
  if (li.boxed.length) parts.push(`boxed when a guard fails: ${li.boxed.join("; ")}`);
  if (li.guards.length) parts.push(`guard failures (SPYC_STATS): ${li.guards.join("; ")}`);
  return parts.filter(Boolean).join("\n");
}

export interface ReportOptions {
  readonly title: string;
  readonly statsFile?: string;
}

export function renderReport(info: readonly LineInfo[], opts: ReportOptions): string {
  const counts = { spec: 0, generic: 0, interp: 0 } as Record<LineKind, number>;
  for (const li of info) if (li.kind !== "blank") counts[li.kind]++;
  const totalFailures = info.reduce((a, li) => a + li.failures, 0);
  const maxFail = Math.max(1, ...info.map((li) => li.failures));
  const rows = info.map((li) => {
    const fail = li.failures
      ? `<span class="fails" style="--w:${Math.max(8, Math.round((60 * li.failures) / maxFail))}px">${li.failures}</span>`
      : "";
    const clickable = li.ir.length || li.c.length ? " has-code" : "";
    return `<tr id="L${li.line}" class="line ${li.kind}${clickable}" data-line="${li.line}"${li.kind === "blank" ? "" : ` title="${esc(tooltip(li))}"`}>` +
      `<td class="no">${li.line}</td><td class="fcol">${fail}</td><td class="code"><pre>${esc(li.text) || " "}</pre></td></tr>`;
  }).join("\n");
  const data: Record<string, { ir: string; c: string; reason: string; kind: string; boxed: string[]; guards: string[] }> = {};
  for (const li of info) {
    if (li.kind === "blank") continue;
    data[String(li.line)] = { ir: li.ir.join("\n"), c: li.c.join("\n"), reason: li.reason, kind: KIND_LABEL[li.kind], boxed: li.boxed, guards: li.guards };
  }
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const statsNote = opts.statsFile
    ? `<span class="stat-note">guard failures from ${esc(path.basename(opts.statsFile))}: <b id="total-failures">${totalFailures}</b></span>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>spyc annotate: ${esc(opts.title)}</title>
<style>
:root { --spec: #c9f2c7; --generic: #ffe7a3; --interp: #f4f4f4; }
body { font: 14px/1.35 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 10px 16px; border-bottom: 1px solid #ddd; background: #fafafa; }
h1 { font-size: 18px; margin: 0 0 6px; }
.legend span.key { display: inline-block; padding: 1px 8px; margin-right: 8px; border: 1px solid #ccc; border-radius: 3px; }
.key.spec { background: var(--spec); } .key.generic { background: var(--generic); } .key.interp { background: var(--interp); }
main { display: flex; align-items: flex-start; }
#src { border-collapse: collapse; flex: 1 1 60%; margin: 8px 0; }
#src td { padding: 0 6px; vertical-align: top; }
#src pre { margin: 0; font: 13px/1.4 ui-monospace, monospace; white-space: pre; }
tr.spec td.code { background: var(--spec); } tr.generic td.code { background: var(--generic); } tr.interp td.code { background: var(--interp); }
tr.has-code { cursor: pointer; } tr.selected td.code { outline: 2px solid #3b7ddd; outline-offset: -2px; }
tr.selected td.no { color: #3b7ddd; font-weight: bold; }
#detail-reason { white-space: pre-line; }
td.no { color: #999; text-align: right; user-select: none; font: 12px ui-monospace, monospace; }
td.fcol { width: 70px; }
.stat-note { margin-left: 12px; }
.fails { display: inline-block; min-width: var(--w); background: #e5533d; color: #fff; font-size: 11px; padding: 0 3px; border-radius: 2px; }
aside { flex: 0 0 40%; position: sticky; top: 0; max-height: 100vh; overflow: auto; border-left: 1px solid #ddd; padding: 8px 12px; box-sizing: border-box; }
aside pre { font: 12px/1.35 ui-monospace, monospace; background: #f7f7f9; padding: 6px; overflow: auto; max-height: 38vh; }
aside h2 { font-size: 15px; margin: 4px 0; } aside h3 { font-size: 13px; margin: 8px 0 2px; }
</style></head>
<body>
<header><h1>spyc annotate — ${esc(opts.title)}</h1>
<div class="legend"><span class="key spec">specialized</span><span class="key generic">generic</span><span class="key interp">interpreted</span>
<span id="counts" data-spec="${counts.spec}" data-generic="${counts.generic}" data-interp="${counts.interp}">${counts.spec} specialized, ${counts.generic} generic, ${counts.interp} interpreted lines</span>
${statsNote}</div>
<div class="hint">Hover a line for why it runs that way; click it for its IR and C.</div></header>
<main>
<table id="src"><tbody>
${rows}
</tbody></table>
<aside id="detail"><h2 id="detail-title">Click a line</h2><div id="detail-reason"></div>
<h3>IR</h3><pre id="detail-ir"></pre><h3>C</h3><pre id="detail-c"></pre></aside>
</main>
<script id="spyc-data" type="application/json">${json}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById("spyc-data").textContent);
  function show(n) {
    var d = data[n];
    if (!d) return;
    var prev = document.querySelector("tr.selected");
    if (prev) prev.classList.remove("selected");
    var row = document.getElementById("L" + n);
    if (row) row.classList.add("selected");
    document.getElementById("detail-title").textContent = "Line " + n + ": " + d.kind;
    var extra = [d.reason].concat(d.boxed.length ? ["boxed: " + d.boxed.join("; ")] : [], d.guards.length ? ["guard failures: " + d.guards.join("; ")] : []);
    document.getElementById("detail-reason").textContent = extra.join("\\n");
    document.getElementById("detail-ir").textContent = d.ir || "(no IR: not compiled)";
    document.getElementById("detail-c").textContent = d.c || "(no C: not compiled)";
  }
  document.getElementById("src").addEventListener("click", function (e) {
    var tr = e.target.closest("tr.line");
    if (tr) { show(tr.dataset.line); history.replaceState(null, "", "#L" + tr.dataset.line); }
  });
  var m = /^#L(\\d+)$/.exec(location.hash);
  if (m) show(m[1]);
})();
</script>
</body></html>
`;
}
