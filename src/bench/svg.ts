/**
 * The chart, results/<timestamp>.svg: speedup over plain CPython (the program's plain twin, spyc's
 * decorators taken out) per program, one bar per column (missing peers get no slot),
 * on a log scale (speedups span 0.5x to 100x+; a linear axis would flatten everything but the
 * largest). Bars grow from the 1x line, so slowdowns point down. Hand-written SVG, no
 * dependency; each bar has a <title> tooltip with its exact numbers.
 */
import type { Column } from "./options.ts";
import { COLUMN_TITLES } from "./labels.ts";
import { formatMs, formatRatio } from "./stats.ts";
import { shownColumns } from "./table.ts";
import type { BenchResult } from "./types.ts";

export const COLUMN_COLORS: Record<Column, string> = {
  cpython: "#868e96", contracts: "#ced4da", generic: "#74c0fc", specialized: "#e8590c", cython: "#1971c2", mypyc: "#2f9e44", pypy: "#7048e8",
};

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fx = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Log-scale y axis: the domain covers every value and 0.5x..2x at least, in whole decades. */
function axis(values: readonly number[], top: number, height: number): { y: (v: number) => number; ticks: number[] } {
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(0.5, ...values))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(2, ...values))));
  const y = (v: number): number => top + height * (1 - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
  const ticks: number[] = [];
  for (let d = lo; d <= hi * 1.001; d *= 10) for (const m of [1, 2, 5]) if (d * m <= hi * 1.001) ticks.push(d * m);
  return { y, ticks };
}

export function renderSvg(r: BenchResult): string {
  // a missing peer has no bar anywhere: it gets no slot (the legend line names it)
  const cols = shownColumns(r).filter((c) => c !== "cpython");
  const missing = r.columns.filter((c) => !c.available).map((c) => COLUMN_TITLES[c.name]);
  const bar = 18, gap = 3, groupPad = 24;
  const left = 78, right = 24, top = 92, plotH = 360, bottom = 64;
  // at least wide enough for the title and legend; groups share whatever width there is
  const width = Math.max(780, left + Math.max(1, r.programs.length) * Math.max(96, cols.length * (bar + gap) + groupPad) + right);
  const groupW = (width - left - right) / Math.max(1, r.programs.length);
  const height = top + plotH + bottom;
  const values = r.programs.flatMap((p) => cols.map((c) => p.cells[c]?.speedup ?? null)).filter((v): v is number => v !== null && v > 0);
  const { y, ticks } = axis(values, top, plotH);
  const s: string[] = [];
  s.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`);
  s.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  s.push(`<text x="${left}" y="24" font-size="16" font-weight="600">Speedup over plain CPython ${esc(r.python.version)}, spyc's decorators removed (log scale, higher is better)</text>`);
  s.push(`<text x="${left}" y="42" fill="#555">size ${esc(String(r.settings.size))}, median of ${r.settings.reps} interleaved runs; plain CPython = 1x; ${esc(r.startedAt)}${missing.length ? `; missing: ${esc(missing.join(", "))}` : ""}</text>`);
  // legend
  let lx = left;
  for (const c of cols) {
    const label = COLUMN_TITLES[c];
    s.push(`<rect x="${lx}" y="56" width="12" height="12" fill="${COLUMN_COLORS[c]}"/>`);
    s.push(`<text x="${lx + 17}" y="66.5">${esc(label)}</text>`);
    lx += 17 + label.length * 7 + 18;
  }
  // grid and y axis
  for (const t of ticks) {
    const ty = fx(y(t));
    s.push(`<line x1="${left}" x2="${width - right}" y1="${ty}" y2="${ty}" stroke="${t === 1 ? "#333" : "#e9ecef"}" stroke-width="${t === 1 ? 1.5 : 1}"/>`);
    s.push(`<text x="${left - 8}" y="${fx(y(t) + 4)}" text-anchor="end" fill="#495057">${t >= 1 ? t : t.toPrecision(1)}x</text>`);
  }
  s.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`);
  s.push(`<text transform="translate(20 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#333">speedup over plain CPython (×, log scale)</text>`);
  // bars
  r.programs.forEach((p, i) => {
    const gx = left + i * groupW + (groupW - cols.length * (bar + gap) + gap) / 2;
    cols.forEach((c, k) => {
      const cell = p.cells[c];
      const x = gx + k * (bar + gap);
      if (!cell || cell.speedup === null) {
        // no number: a small grey mark on the 1x line says "not measured" rather than "1x"
        if (cell && cell.status !== "missing") s.push(`<text x="${fx(x + bar / 2)}" y="${fx(y(1) - 4)}" text-anchor="middle" fill="#adb5bd" font-size="11"><title>${esc(`${p.name} — ${COLUMN_TITLES[c]}: ${cell.status}`)}</title>×</text>`);
        return;
      }
      const v = cell.speedup, y1 = y(1), yv = y(v);
      const wrong = cell.status === "mismatch";
      const tip = `${p.name} — ${COLUMN_TITLES[c]}: ${formatRatio(v)} (median ${formatMs(cell.medianS!)} ms)${wrong ? " — WRONG checksum" : ""}`;
      s.push(`<rect x="${fx(x)}" y="${fx(Math.min(y1, yv))}" width="${bar}" height="${fx(Math.max(1, Math.abs(y1 - yv)))}" fill="${COLUMN_COLORS[c]}"${wrong ? ` fill-opacity="0.35" stroke="#c92a2a" stroke-width="2"` : ""}><title>${esc(tip)}</title></rect>`);
      const label = wrong ? "WRONG" : formatRatio(v);
      const ly = v >= 1 ? yv - 4 : yv + 4;
      s.push(`<text transform="translate(${fx(x + bar / 2 + 4)} ${fx(ly)}) rotate(-90)" text-anchor="${v >= 1 ? "start" : "end"}" font-size="10" fill="${wrong ? "#c92a2a" : "#343a40"}">${label}</text>`);
    });
    s.push(`<text x="${fx(left + i * groupW + groupW / 2)}" y="${top + plotH + 20}" text-anchor="middle" font-weight="600">${esc(p.name)}</text>`);
    const base = p.cells.cpython?.medianS;
    if (base != null) s.push(`<text x="${fx(left + i * groupW + groupW / 2)}" y="${top + plotH + 36}" text-anchor="middle" fill="#868e96" font-size="10">plain CPython ${formatMs(base)} ms</text>`);
  });
  s.push(`<text x="${left + (width - left - right) / 2}" y="${height - 8}" text-anchor="middle" fill="#333">benchmark program</text>`);
  s.push(`</svg>`);
  return s.join("\n") + "\n";
}
