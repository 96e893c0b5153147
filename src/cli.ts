/**
 * The `spyc` command line: argument parsing, subcommand dispatch, exit codes. The only file
 * that touches process.argv / process.exit.
 *   exit 0: success; 1: user error (diagnostics printed) or failed check; 2: bad usage;
 *   3: internal compiler error.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { runBuild, type BuildOptions } from "./driver/buildCommand.ts";
import { DUMP_STAGES, type DumpStage } from "./driver/dumpStages.ts";
import { PACKAGE_ROOT } from "./driver/paths.ts";
import { parseSanitize, type Sanitizer } from "./driver/sanitize.ts";

const ROOT = PACKAGE_ROOT;
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const HELP = `spyc ${VERSION} — a specializing compiler for Python

Usage:
  spyc build FILE.py... [options]   compile modules to CPython extension modules
  spyc bench [PROGRAM...] [options] time CPython vs spyc (and peers) on benchmarks/programs;
                                    'spyc bench --help' for its options
  spyc annotate FILE.py [-o OUT.html] [--stats STATS.json]
                                    HTML report: which lines are specialized, generic or
                                    interpreted, and why; 'spyc annotate --help'
  spyc demo                         show the spyc contracts at work under plain CPython
  spyc --help | --version

Build options:
  -o, --out-dir DIR     write modules to DIR (default: next to each source)
  --checked-only        compile only @checked functions and methods; by default every
                        function whose constructs are supported is compiled too, plain
                        ones specialized speculatively (--all: that default)
  --python PATH         target interpreter (default: python3); 3.11-3.13
  -O0 | -O2             C optimization level (default -O2; the generic halves of
                        specialized functions, run only after a deopt, and plain
                        functions left generic get -Og)
  --dump=STAGE[,STAGE]  print stages instead of building: ${DUMP_STAGES.join(", ")}
  --force-deopt         build with every specialization guard forced to fail
  --no-specialize       generic code only (no unboxed fast paths)
  --sanitize=LIST       instrument with address,undefined (load with
                        LD_PRELOAD=$(gcc -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0)
  -q, --quiet           no summary
  --no-color            never colour diagnostics

Exit status: 0 ok, 1 errors in the input or the C build, 2 bad usage, 3 internal error.
`;

function usage(msg: string): never {
  process.stderr.write(`spyc: ${msg}\nTry 'spyc --help'.\n`);
  process.exit(2);
}

function parseBuildArgs(argv: string[]): BuildOptions {
  const files: string[] = [];
  let outDir: string | null = null, all = true, python = "python3", opt: 0 | 2 = 2;
  let dump: DumpStage[] = [], forceDeopt = false, specialize = true, quiet = false, color: boolean | undefined;
  let sanitize: Sanitizer[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`option ${a} needs a value`);
      return v;
    };
    if (a === "-o" || a === "--out-dir") outDir = value();
    else if (a.startsWith("--out-dir=")) outDir = a.slice(10);
    else if (a === "--all") all = true;
    else if (a === "--checked-only") all = false;
    else if (a === "--python") python = value();
    else if (a.startsWith("--python=")) python = a.slice(9);
    else if (a === "-O0") opt = 0;
    else if (a === "-O2") opt = 2;
    else if (a.startsWith("--dump=")) {
      dump = a.slice(7).split(",").map((s) => {
        if (!(DUMP_STAGES as readonly string[]).includes(s)) usage(`unknown dump stage '${s}' (choose from ${DUMP_STAGES.join(", ")})`);
        return s as DumpStage;
      });
    } else if (a === "--force-deopt") forceDeopt = true;
    else if (a === "--no-specialize") specialize = false;
    else if (a.startsWith("--sanitize=")) {
      const s = parseSanitize(a.slice(11));
      if (typeof s === "string") usage(s);
      sanitize = s;
    }
    else if (a === "-q" || a === "--quiet") quiet = true;
    else if (a === "--no-color") color = false;
    else if (a === "-h" || a === "--help") { process.stdout.write(HELP); process.exit(0); }
    else if (a.startsWith("-")) usage(`unknown option '${a}'`);
    else files.push(a);
  }
  if (files.length === 0) usage("build needs at least one FILE.py");
  return { files, outDir, all, python, opt, dump, forceDeopt, specialize, quiet, color, sanitize };
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case "-h":
    case "--help":
    case "help":
      process.stdout.write(HELP);
      return cmd === undefined ? 2 : 0;
    case "-V":
    case "--version":
      process.stdout.write(`spyc ${VERSION}\n`);
      return 0;
    case "build":
      return runBuild(parseBuildArgs(rest));
    case "bench": {
      const { parseBenchArgs, BENCH_HELP } = await import("./bench/options.ts");
      const parsed = parseBenchArgs(rest);
      if ("help" in parsed) { process.stdout.write(BENCH_HELP); return 0; }
      if ("error" in parsed) {
        process.stderr.write(`spyc bench: ${parsed.error}\nTry 'spyc bench --help'.\n`);
        return 2;
      }
      const { runBench } = await import("./bench/command.ts");
      return (await runBench(parsed.opts, { stdout: process.stdout, stderr: process.stderr })).code;
    }
    case "annotate": {
      const { parseAnnotateArgs, runAnnotate, ANNOTATE_HELP } = await import("./annotate/command.ts");
      const parsed = parseAnnotateArgs(rest);
      if ("help" in parsed) { process.stdout.write(ANNOTATE_HELP); return 0; }
      if ("error" in parsed) usage(parsed.error);
      return runAnnotate(parsed, (s) => process.stderr.write(s), (s) => process.stdout.write(s));
    }
    case "demo": {
      const { runDemo } = await import("./driver/demo.ts");
      return runDemo(rest);
    }
    default:
      usage(`unknown command '${cmd}'`);
  }
}

process.exitCode = await main(process.argv.slice(2));
