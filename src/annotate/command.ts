/**
 * `spyc annotate FILE.py [-o report.html] [--stats STATS.json] [--checked-only] [--no-specialize]`:
 * compile one module (no C build) and write the annotate report (report.ts) — by default next
 * to the source as FILE.html. `--stats` takes the JSON that SPYC_STATS=<path> writes
 * (specializer/src/stats.c: {"sites": [{file, line, col, guard, function, failures}]}).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { compileModule } from "../driver/pipeline.ts";
import { moduleOf } from "../driver/buildCommand.ts";
import type { FileId } from "../syntax/source.ts";
import { analyze, renderReport, type StatSiteIn } from "./report.ts";

export const ANNOTATE_HELP = `Usage: spyc annotate FILE.py [-o REPORT.html] [--stats STATS.json] [--checked-only] [--no-specialize]

Writes a static HTML page of FILE.py with each line shaded specialized / generic / interpreted;
hover a line for the reason and the values boxed there, click it for its IR and C.
  -o, --out FILE     where to write the page (default: FILE.html next to the source)
  --stats FILE       guard failure counts per line, from a run with SPYC_STATS=FILE
  --checked-only     as 'spyc build --checked-only'
  --no-specialize    as 'spyc build --no-specialize'
`;

export interface AnnotateOptions {
  readonly file: string;
  readonly out: string | null;
  readonly stats: string | null;
  readonly all: boolean;
  readonly specialize: boolean;
}

export function parseAnnotateArgs(argv: readonly string[]): AnnotateOptions | { help: true } | { error: string } {
  let file: string | null = null, out: string | null = null, stats: string | null = null, all = true, specialize = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | null => argv[++i] ?? null;
    if (a === "-h" || a === "--help") return { help: true };
    if (a === "-o" || a === "--out") { out = value(); if (out === null) return { error: `option ${a} needs a value` }; }
    else if (a.startsWith("--out=")) out = a.slice(6);
    else if (a === "--stats") { stats = value(); if (stats === null) return { error: "option --stats needs a value" }; }
    else if (a.startsWith("--stats=")) stats = a.slice(8);
    else if (a === "--all") all = true;
    else if (a === "--checked-only") all = false;
    else if (a === "--no-specialize") specialize = false;
    else if (a.startsWith("-")) return { error: `unknown option '${a}'` };
    else if (file === null) file = a;
    else return { error: "annotate takes one FILE.py" };
  }
  if (file === null) return { error: "annotate needs a FILE.py" };
  if (!file.endsWith(".py")) return { error: `${file}: not a .py file` };
  return { file, out, stats, all, specialize };
}

export async function runAnnotate(opts: AnnotateOptions, err: (s: string) => void, log: (s: string) => void): Promise<number> {
  let text: string;
  try { text = readFileSync(opts.file, "utf8"); } catch (e) {
    err(`spyc annotate: cannot read ${opts.file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  let sites: StatSiteIn[] = [];
  if (opts.stats) {
    try {
      const j = JSON.parse(readFileSync(opts.stats, "utf8")) as { sites?: StatSiteIn[] };
      if (!Array.isArray(j.sites)) throw new Error("no \"sites\" list (expected the JSON written by SPYC_STATS=<path>)");
      sites = j.sites;
    } catch (e) {
      err(`spyc annotate: bad --stats file ${opts.stats}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  const absPath = path.resolve(opts.file);
  const res = await compileModule({ id: 0 as FileId, path: opts.file, absPath, text }, moduleOf(opts.file).moduleName,
    { all: opts.all, dump: ["ir", "c"], verify: true, specialize: opts.specialize });
  const fileName = path.basename(opts.file);
  const info = analyze(text, fileName, absPath, res, sites);
  const html = renderReport(info, { title: fileName, statsFile: opts.stats ?? undefined });
  const out = opts.out ?? opts.file.replace(/\.py$/, ".html");
  writeFileSync(out, html);
  log(`spyc annotate: wrote ${out}\n`);
  return 0;
}
