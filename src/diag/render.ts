/**
 * Renders diagnostics for humans, gcc/clang style:
 *
 *     mod.py:3:9: error PYC1000: invalid syntax
 *       3 | x = 'é' $ 3
 *         |         ^
 *
 * In:  `Diagnostic`s (spans are JS string offsets into `d.file.text`).
 * Out: plain text, optionally with ANSI colours.
 *
 * Column choice: line and column are both 1-based, and the column counts Unicode code points
 * (an astral character such as an emoji is one column, not two UTF-16 units). That is the unit
 * CPython uses for SyntaxError.offset and tracebacks, so our columns agree with what the user
 * sees from `python mod.py`, and most editors' "go to line:col" agree on BMP text.
 *
 * Invariants:
 *  - the caret line is built from the very same source line: every tab before (and inside) the
 *    span is copied as a tab, every other character becomes as many spaces as its display
 *    width (0 for combining marks, 2 for East Asian wide characters and emoji), so the caret
 *    sits under the span whatever the terminal's tab width is;
 *  - the underline never leaves the first line of the span: a multi-line span is clipped to the
 *    end of its first line (the header still gives its start);
 *  - an empty span still gets one `^`;
 *  - the excerpt never writes control characters to the terminal (they are shown as U+2400…
 *    symbols, one cell wide), and a leading BOM is neither shown nor counted as a column.
 */
import type { Diagnostic, Severity } from "./types.ts";
import { LineMap, type SourceFile } from "../syntax/source.ts";
import { formatCode } from "./messages.ts";

export interface RenderOptions {
  /** true/false forces colours on/off; undefined means "auto" (see `colorEnabled`). */
  readonly color?: boolean;
}

/** Colours only for an interactive terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(
  stream: { readonly isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return stream.isTTY === true;
}

// Line maps are per file and computed lazily; a WeakMap keeps them alive only with the file.
const lineMaps = new WeakMap<SourceFile, LineMap>();
function lineMapOf(file: SourceFile): LineMap {
  let m = lineMaps.get(file);
  if (!m) {
    m = new LineMap(file.text);
    lineMaps.set(file, m);
  }
  return m;
}

/** Where a diagnostic starts, for humans: 1-based line, 1-based code-point column. */
export function humanPosition(file: SourceFile, offset: number): { line: number; col: number } {
  const lm = lineMapOf(file);
  const off = clamp(offset, 0, file.text.length);
  const line = lm.line(off);
  const lineStart = lm.offset(line, 0) + bomAt(file.text, line);
  return { line, col: codePointCount(file.text.slice(Math.min(lineStart, off), off)) + 1 };
}

export function renderDiagnostic(d: Diagnostic, opts: RenderOptions = {}): string {
  const c = palette(opts.color ?? colorEnabled());
  const sev = c.sev(d.severity, d.severity);
  const head = `${sev} ${formatCode(d.code)}: ${c.bold(d.message)}`;
  if (!d.file) return `${c.bold("spyc")}: ${head}`;
  if (!d.span) return `${c.bold(d.file.path)}: ${head}`;

  const { line, col } = humanPosition(d.file, d.span.start);
  const out = [`${c.bold(`${d.file.path}:${line}:${col}`)}: ${head}`];
  out.push(...excerpt(d.file, d.span.start, d.span.end, line, c));
  return out.join("\n");
}

/** Every diagnostic in order, separated by newlines, with a trailing newline (empty input: ""). */
export function renderAll(diags: readonly Diagnostic[], opts: RenderOptions = {}): string {
  return diags.map((d) => renderDiagnostic(d, opts) + "\n").join("");
}

/** "2 errors, 1 warning" (notes are not counted: they explain, they do not judge). */
export function summarize(diags: readonly Diagnostic[]): string {
  const n = (s: Severity) => diags.filter((d) => d.severity === s).length;
  const part = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  return `${part(n("error"), "error")}, ${part(n("warning"), "warning")}`;
}

// ---------------------------------------------------------------------------------------------

function excerpt(file: SourceFile, start: number, end: number, line: number, c: Palette): string[] {
  const lm = lineMapOf(file);
  const bom = bomAt(file.text, line);
  const text = lm.lineText(line).slice(bom);
  const lineStart = lm.offset(line, 0) + bom;
  // Clip to the first line; offsets past the line's end (e.g. pointing at the newline or at EOF)
  // put the caret just after the last character.
  const s = clamp(start - lineStart, 0, text.length);
  const e = clamp(end - lineStart, s, text.length);

  let pad = "";
  for (const ch of text.slice(0, s)) pad += ch === "\t" ? "\t" : " ".repeat(displayWidth(ch));
  let under = "";
  for (const ch of text.slice(s, e)) under += ch === "\t" ? "\t" : "~".repeat(displayWidth(ch));
  // The caret replaces the first visible cell of the underline (tabs stay tabs so the cells
  // after them stay aligned); an empty or all-tab span gets its caret at the span's start.
  const firstCell = under.indexOf("~");
  under = firstCell < 0 ? "^" + under : under.slice(0, firstCell) + "^" + under.slice(firstCell + 1);

  const num = String(line);
  const gutter = " ".repeat(num.length);
  return [` ${num} | ${visible(text)}`, ` ${gutter} | ${pad}${c.caret(under)}`];
}

/** 1 if line 1 starts with a BOM: it is an encoding mark, not a column the user can see. */
function bomAt(text: string, line: number): number {
  return line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** Control characters (NUL, a stray CR, ESC…) would garble the terminal: show their U+24xx symbol. */
function visible(line: string): string {
  return line.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, (ch) => String.fromCharCode(ch === "\x7f" ? 0x2421 : 0x2400 + ch.charCodeAt(0)));
}

function codePointCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const combining = /^[\p{Mn}\p{Me}\u200B-\u200F\u2060\uFEFF]$/u;

/** Terminal cells of one code point: a small approximation of wcwidth, enough for carets. */
export function displayWidth(ch: string): number {
  if (combining.test(ch)) return 0;
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

interface Palette {
  bold(s: string): string;
  caret(s: string): string;
  sev(sev: Severity, s: string): string;
}

function palette(on: boolean): Palette {
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevCode: Record<Severity, string> = { error: "1;31", warning: "1;35", note: "1;36" };
  return { bold: wrap("1"), caret: wrap("1;32"), sev: (sev, s) => wrap(sevCode[sev])(s) };
}
