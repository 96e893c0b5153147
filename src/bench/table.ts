/**
 * The terminal table: per program CPython's median in ms, then the speedup of every other
 * column over CPython, then the checksum verdict; a geometric-mean row; then the reasons behind
 * every cell that is not a number, each distinct reason once.
 */
import type { Column } from "./options.ts";
import { cellText, COLUMN_TITLES, SHORT_TITLES } from "./labels.ts";
import { formatMs, formatRatio } from "./stats.ts";
import type { BenchResult, ProgramResult } from "./types.ts";

const RED = "\x1b[1;31m", GREEN = "\x1b[32m", DIM = "\x1b[2m", RESET = "\x1b[0m";

function checksumVerdict(p: ProgramResult, columns: readonly Column[]): { text: string; bad: boolean } {
  if (p.cells.cpython?.status !== "ok") return { text: "CPYTHON FAILED", bad: true };
  const wrong = columns.filter((c) => p.cells[c]?.status === "mismatch");
  if (wrong.length === 0) return { text: "ok", bad: false };
  // peers' wrong answers are shown just as loudly; only spyc's fail the command (compare.ts)
  return { text: `MISMATCH: ${wrong.join(", ")}`, bad: true };
}

export function renderTable(r: BenchResult, color: boolean): string {
  const columns = r.columns.map((c) => c.name);
  const others = columns.filter((c) => c !== "cpython");
  const paint = (s: string, code: string): string => (color ? `${code}${s}${RESET}` : s);
  const head = ["program", "n", SHORT_TITLES.cpython, ...others.map((c) => SHORT_TITLES[c]), "checksums"];
  const rows: { cells: string[]; paints: (string | null)[] }[] = [];
  for (const p of r.programs) {
    const base = p.cells.cpython;
    const verdict = checksumVerdict(p, columns);
    const cells = [p.name, String(p.n), base?.medianS != null ? formatMs(base.medianS) : (base?.status ?? "-"),
      ...others.map((c) => cellText(p.cells[c])), verdict.text];
    const paints = cells.map((_, i): string | null => {
      const c = i >= 3 && i < 3 + others.length ? p.cells[others[i - 3]!] : undefined;
      if (c?.status === "mismatch") return RED;
      if (c && c.status !== "ok") return DIM;
      return null;
    });
    paints[paints.length - 1] = verdict.bad ? RED : GREEN;
    rows.push({ cells, paints });
  }
  const geo = ["geomean", "", "", ...others.map((c) => {
    const g = r.geomean[c];
    if (!g) return "-";
    return g.programs === r.programs.length ? formatRatio(g.speedup) : `${formatRatio(g.speedup)} (${g.programs})`;
  }), ""];
  const all = [head, ...rows.map((x) => x.cells), geo];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  // names left-aligned, numbers right-aligned
  const fmt = (cells: string[], paints?: (string | null)[]): string => cells.map((s, i) => {
    const padded = i === 0 || i === cells.length - 1 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!);
    return paints?.[i] ? paint(padded, paints[i]!) : padded;
  }).join("  ").trimEnd();
  const rule = "-".repeat(widths.reduce((a, w) => a + w + 2, -2));
  const lines = [fmt(head), rule, ...rows.map((x) => fmt(x.cells, x.paints)), rule, fmt(geo)];
  lines.push("", `speedup = CPython median / column median (${r.settings.reps} interleaved repetitions, size ${r.settings.size}); ` +
    `geomean over the programs where the column is ok (count in parentheses when not all)`);
  lines.push(...reasonLines(r).map((l) => (color && l.startsWith("MISMATCH") ? paint(l, RED) : l)));
  return lines.join("\n") + "\n";
}

/** One line per distinct (column, status, reason): why a cell shows a word instead of a number. */
export function reasonLines(r: BenchResult): string[] {
  const out: string[] = [];
  const seen = new Map<string, string[]>();
  for (const col of r.columns) {
    if (!col.available) { out.push(`${COLUMN_TITLES[col.name]}: missing — ${col.detail}`); continue; }
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
