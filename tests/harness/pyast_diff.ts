/**
 * Structural differential check of our AST against CPython's `ast` (helper of
 * tests/unit/syntax.test.ts; also runnable: `node --import tsx tests/harness/pyast_diff.ts f.py…`).
 *
 * In:  sources. Out: per source, a list of differences (path: ours vs cpython).
 * Our tree is turned into the canonical JSON described in pyast_canon.py (which also
 * canonicalizes CPython's tree and evaluates our constants' `py` text), then both are
 * compared recursively. Documented deviations are applied here, and only here:
 *  - an `Unsupported` node whose `what` is in ALLOWED_UNSUPPORTED matches any CPython node;
 *  - positions of the parts of an f-string (Constant / FormattedValue children of JoinedStr
 *    and format specs) are not compared: CPython 3.11 gives them the whole string's
 *    position, we give them their own;
 *  - our `Try` with `except*` handlers is CPython's `TryStar`; `Name.name` is `id`.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { FIELD_ORDER } from "../../src/syntax/print.ts";
import { LineMap } from "../../src/syntax/source.ts";
import type { Module } from "../../src/syntax/ast.ts";
import { parse } from "../../src/syntax/index.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const ALLOWED_UNSUPPORTED = new Set(["match statement"]);
const NO_POSITION = new Set(["Module", "arguments", "comprehension", "withitem"]);

interface AnyNode { readonly kind: string; readonly span: { start: number; end: number }; readonly [k: string]: unknown }

export function canonOurs(m: Module, text: string): Json {
  const lm = new LineMap(text);
  const pos = (s: { start: number; end: number }): string =>
    `${lm.line(s.start)}:${lm.col(s.start)}-${lm.line(s.end)}:${lm.col(s.end)}`;
  const conv = (v: unknown, inFString: boolean): Json => {
    if (Array.isArray(v)) return v.map((x) => conv(x, inFString));
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === null || typeof v === "number" || typeof v === "string") return v;
    const n = v as AnyNode;
    let kind = n.kind;
    if (kind === "Try" && (n["handlers"] as AnyNode[]).some((h) => h["star"] === true)) kind = "TryStar";
    const d: { [k: string]: Json } = { _: kind };
    if (kind === "Unsupported") return { _: kind, what: n["what"] as string };
    if (!NO_POSITION.has(kind) && !inFString) d["@"] = pos(n.span);
    for (const f of FIELD_ORDER[n.kind] ?? []) {
      if (f === "star") continue;
      const x = n[f];
      if (kind === "Constant" && f === "value") {
        const c = x as { t: string; py?: string; value?: boolean };
        d["value"] = c.t === "bool" ? `bool:${c.value ? "True" : "False"}` : c.t === "None" ? "NoneType:None"
          : c.t === "Ellipsis" ? "ellipsis:Ellipsis" : { $py: c.py ?? "" };
        continue;
      }
      d[kind === "Name" && f === "name" ? "id" : f] = conv(x, kind === "JoinedStr" || f === "format_spec");
    }
    return d;
  };
  return conv(m, false);
}

/** strips positions inside f-strings on the CPython side (see header) */
function stripFString(v: Json, inFString: boolean): Json {
  if (Array.isArray(v)) return v.map((x) => stripFString(x, inFString));
  if (v === null || typeof v !== "object") return v;
  const d: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "@" && inFString) continue;
    d[k] = stripFString(x, v["_"] === "JoinedStr" || k === "format_spec");
  }
  return d;
}

export function compare(ours: Json, cp: Json, path: string, out: string[], limit = 20): void {
  if (out.length >= limit) return;
  if (path === "" && cp && typeof cp === "object" && !Array.isArray(cp) && "error" in cp) {
    out.push(`CPython rejects the source: ${String(cp["error"])}`);
    return;
  }
  if (ours && typeof ours === "object" && !Array.isArray(ours) && ours["_"] === "Unsupported") {
    if (!ALLOWED_UNSUPPORTED.has(String(ours["what"]))) out.push(`${path}: ours Unsupported(${String(ours["what"])})`);
    return;
  }
  if (Array.isArray(ours) && Array.isArray(cp)) {
    if (ours.length !== cp.length) out.push(`${path}: length ${ours.length} vs cpython ${cp.length}`);
    for (let i = 0; i < Math.min(ours.length, cp.length); i++) compare(ours[i]!, cp[i]!, `${path}[${i}]`, out, limit);
    return;
  }
  if (ours && cp && typeof ours === "object" && typeof cp === "object" && !Array.isArray(ours) && !Array.isArray(cp)) {
    const at = typeof cp["@"] === "string" ? `@${cp["@"]}` : "";
    if (ours["_"] !== cp["_"]) { out.push(`${path}${at}: kind ${String(ours["_"])} vs cpython ${String(cp["_"])}`); return; }
    const p = `${path}/${String(cp["_"])}${at}`;
    for (const k of new Set([...Object.keys(ours), ...Object.keys(cp)])) {
      if (k === "_") continue;
      if (k === "@" && ours[k] !== cp[k]) { out.push(`${p}: position ${String(ours[k])} vs cpython ${String(cp[k])}`); continue; }
      compare(ours[k] ?? null, cp[k] ?? null, `${p}.${k}`, out, limit);
    }
    return;
  }
  if (JSON.stringify(ours) !== JSON.stringify(cp)) out.push(`${path}: ${JSON.stringify(ours)} vs cpython ${JSON.stringify(cp)}`);
}

const SCRIPT = fileURLToPath(new URL("./pyast_canon.py", import.meta.url));

/** Parses every source with spyc and CPython; returns the differences per name. */
export async function diffSources(sources: readonly { name: string; source: string }[]): Promise<Map<string, string[]>> {
  const files: { name: string; source: string; ours: Json }[] = [];
  for (const s of sources) {
    const m = await parse({ id: 0 as never, path: s.name, absPath: s.name, text: s.source });
    files.push({ ...s, ours: canonOurs(m, s.source) });
  }
  const r = spawnSync("python3", [SCRIPT], { input: JSON.stringify({ files }), maxBuffer: 1 << 30, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pyast_canon.py failed: ${r.stderr}`);
  const res = JSON.parse(r.stdout) as { files: { name: string; cpython: Json; ours: Json }[] };
  const result = new Map<string, string[]>();
  for (const f of res.files) {
    const diffs: string[] = [];
    compare(f.ours, stripFString(f.cpython, false), "", diffs);
    result.set(f.name, diffs);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const srcs = process.argv.slice(2).map((p) => ({ name: p, source: readFileSync(p, "utf8") }));
  for (const [name, diffs] of await diffSources(srcs)) {
    console.log(`${name}: ${diffs.length ? diffs.length + " difference(s)" : "ok"}`);
    for (const d of diffs) console.log("  " + d);
  }
}
