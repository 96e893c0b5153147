/**
 * Golden `.test` data files, shared by all stages (syntax AST dumps, IR, diagnostics…).
 *
 * Format:
 *   [case NAME]          starts a case; lines before the first case are free comments
 *   <input lines>        everything up to the first [out …] header
 *   [out KIND ARG…]      expected output of kind KIND (ARG optional, free text); several allowed
 *   <expected lines>
 * Input and expected texts have trailing blank lines trimmed; input gets one final "\n".
 *
 * API: `readCases(path)` parses a file; `checkOrUpdate(path, cases, compute)` compares each
 * `[out]` section with `compute(case, out)` and throws one AssertionError listing diffs of all
 * mismatches — or, when the environment has UPDATE=1, rewrites those sections in place
 * (only the given cases; everything else in the file is kept byte for byte).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { AssertionError } from "node:assert";

export interface GoldenOut { readonly kind: string; readonly arg: string; readonly text: string; readonly line: number }
export interface GoldenCase {
  readonly name: string; readonly input: string; readonly outs: readonly GoldenOut[];
  readonly file: string; readonly line: number;
}

const CASE_RE = /^\[case\s+([^\]]+?)\s*\]\s*$/;
const OUT_RE = /^\[out\s+(\S+)(?:\s+([^\]]*?))?\s*\]\s*$/;

interface RawSection { kind: string; arg: string; headerLine: number; bodyStart: number; bodyEnd: number }
interface RawCase { name: string; line: number; inputStart: number; inputEnd: number; outs: RawSection[] }

function scan(lines: readonly string[]): RawCase[] {
  const cases: RawCase[] = [];
  let cur: RawCase | null = null;
  let sec: RawSection | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const c = CASE_RE.exec(l);
    const o = OUT_RE.exec(l);
    if (c) {
      if (sec) sec.bodyEnd = i;
      if (cur && !sec) cur.inputEnd = i;
      cur = { name: c[1]!, line: i + 1, inputStart: i + 1, inputEnd: i + 1, outs: [] };
      cases.push(cur);
      sec = null;
    } else if (o && cur) {
      if (sec) sec.bodyEnd = i; else cur.inputEnd = i;
      sec = { kind: o[1]!, arg: o[2] ?? "", headerLine: i, bodyStart: i + 1, bodyEnd: i + 1 };
      cur.outs.push(sec);
    }
  }
  if (sec) sec.bodyEnd = lines.length;
  else if (cur) cur.inputEnd = lines.length;
  return cases;
}

function trimBlank(lines: readonly string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  return lines.slice(0, end);
}

function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function readCases(path: string): GoldenCase[] {
  const lines = splitLines(readFileSync(path, "utf8"));
  return scan(lines).map((c) => ({
    name: c.name,
    file: path,
    line: c.line,
    input: trimBlank(lines.slice(c.inputStart, c.inputEnd)).join("\n") + "\n",
    outs: c.outs.map((o) => ({ kind: o.kind, arg: o.arg, line: o.headerLine + 1, text: trimBlank(lines.slice(o.bodyStart, o.bodyEnd)).join("\n") })),
  }));
}

/** a compact line diff (common prefix/suffix elided) */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const out = [`@@ line ${pre + 1} @@`];
  for (const l of a.slice(Math.max(0, pre - 2), pre)) out.push(`  ${l}`);
  for (const l of a.slice(pre, a.length - suf)) out.push(`- ${l}`);
  for (const l of b.slice(pre, b.length - suf)) out.push(`+ ${l}`);
  for (const l of a.slice(a.length - suf, a.length - suf + 2)) out.push(`  ${l}`);
  return out.join("\n");
}

export function checkOrUpdate(
  path: string, cases: readonly GoldenCase[], compute: (c: GoldenCase, out: GoldenOut) => string,
): void {
  const update = process.env["UPDATE"] === "1";
  const actual = new Map<string, string[]>();
  const failures: string[] = [];
  for (const c of cases) {
    const texts = c.outs.map((o) => trimBlank(splitLines(compute(c, o))).join("\n"));
    actual.set(c.name, texts);
    c.outs.forEach((o, i) => {
      if (texts[i] !== o.text) failures.push(`${path}:${o.line}: [case ${c.name}] [out ${o.kind}${o.arg ? " " + o.arg : ""}]\n${lineDiff(o.text, texts[i]!)}`);
    });
  }
  if (update) {
    if (failures.length === 0) return;
    const lines = splitLines(readFileSync(path, "utf8"));
    const raw = scan(lines);
    // rewrite from the bottom so earlier line numbers stay valid
    const edits: { start: number; end: number; text: string[] }[] = [];
    for (const rc of raw) {
      const texts = actual.get(rc.name);
      if (!texts) continue;
      rc.outs.forEach((o, i) => {
        if (texts[i] === undefined) return;
        const hadBlank = o.bodyEnd > o.bodyStart && lines[o.bodyEnd - 1]!.trim() === "";
        edits.push({ start: o.bodyStart, end: o.bodyEnd, text: [...(texts[i] ? texts[i]!.split("\n") : []), ...(hadBlank ? [""] : [])] });
      });
    }
    edits.sort((x, y) => y.start - x.start);
    for (const e of edits) lines.splice(e.start, e.end - e.start, ...e.text);
    writeFileSync(path, lines.join("\n") + "\n");
    return;
  }
  if (failures.length) {
    throw new AssertionError({ message: `${failures.length} golden mismatch(es) (rerun with UPDATE=1 to accept):\n${failures.join("\n\n")}` });
  }
}
