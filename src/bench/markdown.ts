/**
 * The Markdown report, results/<timestamp>.md: settings, the table (speedups over plain CPython,
 * the decorated source under CPython as "CPython + contracts"), the chart, every reason and
 * checksum, what spyc specialized and where the specialized build deopted.
 */
import { cellText, COLUMN_TITLES } from "./labels.ts";
import { formatMs, formatRatio } from "./stats.ts";
import { checkedText, deoptLines, deoptText, missingLine, reasonLines, shownColumns } from "./table.ts";
import type { BenchResult } from "./types.ts";

const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderMarkdown(r: BenchResult, svgFile: string): string {
  const columns = shownColumns(r);
  const others = columns.filter((c) => c !== "cpython");
  const out: string[] = [];
  out.push(`# spyc bench — ${r.startedAt}`, "");
  out.push(r.ok ? "All spyc checksums equal plain CPython's." : `**FAILED: ${r.mismatches} spyc checksum mismatch(es) or spyc build/run failures — see below.**`, "");
  out.push(`- spyc ${r.spycVersion}, Python ${r.python.version} (\`${r.python.exe}\`), builds at -O${r.settings.optLevel}`);
  out.push(`- machine: ${r.machine.cpuModel}, ${r.machine.cpus} CPUs, ${r.machine.platform}/${r.machine.arch}, Node ${r.machine.node}`);
  out.push(`- size \`${r.settings.size}\`, ${r.settings.warmup} warm-up call(s) then ${r.settings.reps} timed repetitions per column, interleaved in rounds`);
  for (const c of r.columns) out.push(`- ${COLUMN_TITLES[c.name]}: ${c.available ? c.detail : `missing — ${c.detail}`}`);
  out.push("", `Speedup over **plain CPython** (baseline: ${r.baseline.description}; plain CPython median / column median). ` +
    "*CPython + contracts* is CPython on the source as written, the `spyc` package enforcing `@checked` and `@frozen`. " +
    "*spec.* = `@checked` functions specialized / all; *deopts* = entries into generic code during one `bench(n)` call of the specialized build " +
    "(`SPYC_STATS`), **!** = mostly generic code after deopts.", "");
  out.push(`| program | n | plain CPython ms | ${others.map((c) => COLUMN_TITLES[c]).join(" | ")} | spec. | deopts | checksums |`);
  out.push(`|---|---:|---:|${others.map(() => "---:|").join("")}---:|---:|---|`);
  for (const p of r.programs) {
    const base = p.cells.cpython;
    const wrong = columns.filter((c) => p.cells[c]?.status === "mismatch");
    const verdict = base?.status !== "ok" ? "**CPython failed**" : wrong.length ? `**MISMATCH: ${wrong.join(", ")}**` : "ok";
    const cells = others.map((c) => { const t = cellText(p.cells[c]); return t === "WRONG" ? "**WRONG**" : t; });
    out.push(`| ${p.name} | ${p.n} | ${base?.medianS != null ? formatMs(base.medianS) : base?.status ?? "-"} | ${cells.join(" | ")} | ${checkedText(p)} | ${deoptText(p).replace("!", "**!**")} | ${verdict} |`);
  }
  const geo = others.map((c) => { const g = r.geomean[c]; return g ? `${formatRatio(g.speedup)}${g.programs < r.programs.length ? ` (${g.programs})` : ""}` : "-"; });
  out.push(`| **geomean** | | | ${geo.join(" | ")} | | | |`, "");
  const miss = missingLine(r);
  if (miss) out.push(miss, "");
  const heavy = deoptLines(r);
  if (heavy.length) out.push(...heavy.map((l) => `- ${esc(l)}`), "");
  out.push(`![speedup over plain CPython, log scale](${svgFile})`, "");
  const reasons = reasonLines(r);
  if (reasons.length) out.push("## Cells without a number", "", ...reasons.map((l) => `- ${esc(l)}`), "");
  out.push("## Medians and checksums", "", "| program | column | median ms | build s | checksum |", "|---|---|---:|---:|---|");
  for (const p of r.programs) {
    for (const c of r.columns.map((x) => x.name)) {
      const cell = p.cells[c];
      if (!cell || cell.medianS === null) continue;
      const sum = cell.checksum === null ? "" : `\`${esc(cell.checksum.length > 80 ? cell.checksum.slice(0, 77) + "..." : cell.checksum)}\``;
      out.push(`| ${p.name} | ${COLUMN_TITLES[c]} | ${formatMs(cell.medianS)} | ${cell.buildS?.toFixed(1) ?? ""} | ${sum}${cell.status === "mismatch" ? " **WRONG**" : ""} |`);
    }
  }
  out.push("", "## What spyc compiled (specialized build) and where it deopted", "");
  for (const p of r.programs) {
    out.push(`- **${p.name}**: ${p.checked.specialized} of ${p.checked.total} \`@checked\` functions specialized`, ...p.buildSummary.map((l) => `  - ${esc(l)}`));
    if (p.deopts === null) continue;
    out.push(`  - deopts in one \`bench(${p.n})\` call: ${p.deopts.total}${p.deopts.functions.length ? ` (${p.deopts.functions.map((f) => `${f.function} ${f.deopts}`).join(", ")})` : ""}`);
    for (const s of p.deopts.sites) out.push(`    - line ${s.line}:${s.col} ${esc(s.guard)} in ${esc(s.function)}: ${s.failures}`);
  }
  return out.join("\n") + "\n";
}
