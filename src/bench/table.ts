/**
 * The terminal table: per program plain CPython's median in ms (the baseline: the program's plain
 * twin, spyc's decorators taken out), then the speedup of every other column over it (the
 * decorated source under CPython, "+contracts", included), @checked functions specialized / all,
 * deopts in one call, and the checksum verdict; a geometric-mean row; then one line naming the
 * missing peers, the deopt-heavy programs, and the reasons behind every other cell that is not a
 * number, each distinct reason once.
 */
import type { Column } from "./options.ts";
import { cellText, COLUMN_TITLES, SHORT_TITLES } from "./labels.ts";
import { formatMs, formatRatio } from "./stats.ts";
import type { BenchResult, ProgramResult } from "./types.ts";

const RED = "\x1b[1;31m", GREEN = "\x1b[32m", DIM = "\x1b[2m", YELLOW = "\x1b[33m", RESET = "\x1b[0m";

function checksumVerdict(p: ProgramResult, columns: readonly Column[]): { text: string; bad: boolean } {
  if (p.cells.cpython?.status !== "ok") return { text: "CPYTHON FAILED", bad: true };
  const wrong = columns.filter((c) => p.cells[c]?.status === "mismatch");
  if (wrong.length === 0) return { text: "ok", bad: false };
  // peers' wrong answers are shown just as loudly; only spyc's fail the command (compare.ts)
  return { text: `MISMATCH: ${wrong.join(", ")}`, bad: true };
}

/** The columns that get a column in the table and chart: missing peers are one line instead. */
export function shownColumns(r: BenchResult): Column[] {
  return r.columns.filter((c) => c.available).map((c) => c.name);
}

/** "missing: cython, mypyc (run npm run bench:peers)", or null when every column is there. */
export function missingLine(r: BenchResult): string | null {
  const missing = r.columns.filter((c) => !c.available).map((c) => c.name);
  return missing.length ? `missing: ${missing.join(", ")} (run npm run bench:peers)` : null;
}

/** "2/3": @checked functions specialized / all of them ("-" when the specialized build failed). */
export const checkedText = (p: ProgramResult): string =>
  (p.cells.specialized?.status === "build failed" ? "-" : `${p.checked.specialized}/${p.checked.total}`);

/** deopts per bench(n) call (SPYC_STATS), "!" marking a deopt-heavy program. */
export const deoptText = (p: ProgramResult): string => (p.deopts === null ? "-" : `${p.deopts.total}${p.deoptHeavy ? " !" : ""}`);

/** One line per deopt-heavy program: where it deopts most. */
export function deoptLines(r: BenchResult): string[] {
  return r.programs.filter((p) => p.deoptHeavy && p.deopts).map((p) => {
    const top = p.deopts!.sites[0];
    const where = top ? `; most at line ${top.line}:${top.col} (${top.guard}, in ${top.function}: ${top.failures})` : "";
    return `! ${p.name}: mostly generic code after deopts — ${p.deopts!.total} per call, specialized is under 1.5x of generic${where}; SPYC_STATS=1 shows every site`;
  });
}

export function renderTable(r: BenchResult, color: boolean): string {
  const columns = shownColumns(r);
  const others = columns.filter((c) => c !== "cpython");
  const paint = (s: string, code: string): string => (color ? `${code}${s}${RESET}` : s);
  const head = ["program", "n", SHORT_TITLES.cpython, ...others.map((c) => SHORT_TITLES[c]), "spec.", "deopts", "checksums"];
  const nOthers = others.length;
  const rows: { cells: string[]; paints: (string | null)[] }[] = [];
  for (const p of r.programs) {
    const base = p.cells.cpython;
    const verdict = checksumVerdict(p, r.columns.map((c) => c.name));
    const cells = [p.name, String(p.n), base?.medianS != null ? formatMs(base.medianS) : (base?.status ?? "-"),
      ...others.map((c) => cellText(p.cells[c])), checkedText(p), deoptText(p), verdict.text];
    const paints = cells.map((_, i): string | null => {
      const c = i >= 3 && i < 3 + nOthers ? p.cells[others[i - 3]!] : undefined;
      if (c?.status === "mismatch") return RED;
      if (c && c.status !== "ok") return DIM;
      if (i === 3 + nOthers + 1 && p.deoptHeavy) return YELLOW;
      return null;
    });
    paints[paints.length - 1] = verdict.bad ? RED : GREEN;
    rows.push({ cells, paints });
  }
  const geo = ["geomean", "", "", ...others.map((c) => {
    const g = r.geomean[c];
    if (!g) return "-";
    return g.programs === r.programs.length ? formatRatio(g.speedup) : `${formatRatio(g.speedup)} (${g.programs})`;
  }), "", "", ""];
  const all = [head, ...rows.map((x) => x.cells), geo];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  // names left-aligned, numbers right-aligned
  const fmt = (cells: string[], paints?: (string | null)[]): string => cells.map((s, i) => {
    const padded = i === 0 || i === cells.length - 1 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!);
    return paints?.[i] ? paint(padded, paints[i]!) : padded;
  }).join("  ").trimEnd();
  const rule = "-".repeat(widths.reduce((a, w) => a + w + 2, -2));
  const lines = [fmt(head), rule, ...rows.map((x) => fmt(x.cells, x.paints)), rule, fmt(geo)];
  const miss = missingLine(r);
  if (miss) lines.push(miss);
  lines.push("", `speedup = plain CPython median / column median: the baseline "${SHORT_TITLES.cpython}" is CPython on the program with ` +
    `spyc's decorators taken out (its plain twin); "${SHORT_TITLES.contracts}" is CPython on the source as written, the spyc package checking ` +
    `the contracts. ${r.settings.reps} interleaved repetitions, size ${r.settings.size}; geomean over the programs where the column is ok ` +
    `(count in parentheses when not all). spec. = @checked functions specialized / all; deopts = entries into generic code in one ` +
    `bench(n) call of the specialized build (SPYC_STATS), "!" = mostly generic code after deopts.`);
  lines.push(...deoptLines(r).map((l) => paint(l, YELLOW)));
  lines.push(...reasonLines(r).map((l) => (color && l.startsWith("MISMATCH") ? paint(l, RED) : l)));
  return lines.join("\n") + "\n";
}

/** One line per distinct (column, status, reason): why a cell shows a word instead of a number. */
export function reasonLines(r: BenchResult): string[] {
  const out: string[] = [];
  const seen = new Map<string, string[]>();
  for (const col of r.columns) {
    if (!col.available) continue; // one "missing:" line (missingLine)
    for (const p of r.programs) {
      const c = p.cells[col.name];
      if (!c || c.status === "ok" || c.reason === null) continue;
      if (c.status === "mismatch") { out.push(`MISMATCH ${p.name} / ${COLUMN_TITLES[col.name]}: ${c.reason}`); continue; }
      const key = `${COLUMN_TITLES[col.name]}: ${c.status} — ${firstLines(c.reason)}`;
      seen.set(key, [...(seen.get(key) ?? []), p.name]);
    }
  }
  for (const [key, progs] of seen) out.push(`${key} [${progs.join(", ")}]`);
  return out;
}

/**
 * The gist of a long error: the first compiler-style "file:line: error: …" line (gcc, mypy,
 * Cython), else the last line (a Python traceback ends with the exception).
 */
function firstLines(reason: string): string {
  const lines = reason.split("\n").map((l) => l.trim()).filter(Boolean);
  const gist = lines.find((l) => /:\s*error:/i.test(l)) ?? lines[lines.length - 1] ?? "";
  // build directories are temporary: the file's own name says enough
  const text = gist.replace(/^exit status \d+: /, "").replace(/(?:\/[^\s/:]+)+\/([^\s/:]+:)/g, "$1");
  return text.length > 220 ? `${text.slice(0, 217)}...` : text;
}
