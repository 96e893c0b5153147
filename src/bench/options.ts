/**
 * `spyc bench` options: parsing and help text. Parsing never exits the process (cli.ts owns
 * process.exit); a bad option comes back as `{ error }` and becomes exit status 2 there.
 */
import path from "node:path";
import { REPO_ROOT } from "../driver/buildCommand.ts";

/**
 * Every column the table can show, in display order. cpython is the baseline, always run: plain
 * CPython on the program's plain twin (spyc's decorators taken out, benchmarks/harness/plain_twin.py).
 * contracts is CPython on the source as written, the `spyc` package enforcing the contracts.
 */
export const ALL_COLUMNS = ["cpython", "contracts", "generic", "specialized", "cython", "mypyc", "pypy"] as const;
export type Column = (typeof ALL_COLUMNS)[number];
/** Columns produced by spyc itself: their failures and mismatches fail the command. */
export const SPYC_COLUMNS: readonly Column[] = ["generic", "specialized"];
export const PEER_COLUMNS: readonly Column[] = ["cython", "mypyc", "pypy"];

/** A named size from each program's SIZES, or one explicit n for every program. */
export type Size = "quick" | "full" | number;

export interface BenchOptions {
  /** program names (file stems in programsDir); empty = all */
  readonly programs: readonly string[];
  readonly programsDir: string;
  readonly size: Size;
  readonly reps: number;
  readonly warmup: number;
  readonly columns: readonly Column[];
  readonly python: string;
  /** PyPy interpreter; a missing binary makes the column "missing" */
  readonly pypy: string;
  /** venv holding Cython and mypy (see benchmarks/peers/setup.sh) */
  readonly peersVenv: string;
  readonly outDir: string;
  readonly color: boolean | undefined;
  /** seconds one harness process (one program, all its variants) may run before it is killed */
  readonly timeoutS: number;
  /** functions without @checked are compiled too (the default; false: --checked-only) */
  readonly all: boolean;
}

export const BENCH_HELP = `Usage: spyc bench [PROGRAM...] [options]

Builds each benchmark program (benchmarks/programs/*.py) with spyc, specialized and generic
(--no-specialize), times plain CPython on the program's plain twin (spyc's decorators taken out:
the baseline of every speedup), CPython on the source with its contracts, both builds and any
peers in one process with interleaved rounds, checks every checksum against plain CPython's,
reruns the specialized build once with SPYC_STATS to count its deopts, and writes
results/<timestamp>.{json,md,svg}.

Options:
  --quick               quick sizes (SIZES["quick"]; a few seconds per program)
  --size quick|full|N   sizes to use (default full); N = the same n for every program
  --reps N              timed repetitions per column (default 5; 3 with --quick)
  --warmup N            untimed calls per column before timing (default 1)
  --columns LIST        comma list of ${ALL_COLUMNS.join(",")} (default: all)
  --python PATH         CPython to build for and time with (default python3)
  --pypy PATH           PyPy interpreter for the pypy column (default pypy3)
  --programs-dir DIR    where the programs live (default benchmarks/programs)
  --out DIR             where reports go (default results/)
  --timeout S           seconds one program's timing process may take (default 900); a variant
                        still running then is reported "timed out" and the others are rerun
  --checked-only        build with --checked-only (functions without @checked stay
                        interpreted); by default every supported function is compiled
  --no-color            no colours in the table
  -h, --help            this text

Peers (Cython, mypyc, PyPy) are optional and run the plain twin: \`npm run bench:peers\`
installs them; missing peers are listed under the table, never a failure.
Exit status: 0 all spyc checksums equal CPython's; 1 a spyc checksum differs or a spyc build or
run failed; 2 bad usage.
`;

export function defaultOptions(): BenchOptions {
  return {
    programs: [], programsDir: path.join(REPO_ROOT, "benchmarks/programs"), size: "full", reps: 5, warmup: 1,
    columns: ALL_COLUMNS, python: "python3", pypy: "pypy3",
    peersVenv: path.join(REPO_ROOT, ".cache/peers/venv"), outDir: "results", color: undefined, timeoutS: 900, all: true,
  };
}

export type ParseResult = { readonly opts: BenchOptions } | { readonly help: true } | { readonly error: string };

export function parseBenchArgs(argv: readonly string[]): ParseResult {
  const o = { ...defaultOptions(), programs: [] as string[] };
  let repsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string | null => inline ?? argv[++i] ?? null;
    const need = (): string => {
      const v = value();
      if (v === null) throw new UsageError(`option ${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case "-h": case "--help": return { help: true };
        case "--quick": o.size = "quick"; break;
        case "--size": o.size = parseSize(need()); break;
        case "--reps": o.reps = positiveInt(flag, need()); repsGiven = true; break;
        case "--warmup": o.warmup = positiveInt(flag, need(), 0); break;
        case "--columns": o.columns = parseColumns(need()); break;
        case "--python": o.python = need(); break;
        case "--pypy": o.pypy = need(); break;
        case "--programs-dir": o.programsDir = path.resolve(need()); break;
        case "--out": o.outDir = need(); break;
        case "--no-color": o.color = false; break;
        case "--all": o.all = true; break;
        case "--checked-only": o.all = false; break;
        case "--timeout": o.timeoutS = positiveInt(flag, need()); break;
        default:
          if (a.startsWith("-")) throw new UsageError(`unknown option '${a}'`);
          o.programs.push(a.endsWith(".py") ? path.basename(a, ".py") : a);
      }
    } catch (e) {
      if (e instanceof UsageError) return { error: e.message };
      throw e;
    }
  }
  // quick runs trade a little precision for time: 3 medians-of-rounds is still interleaved
  if (o.size === "quick" && !repsGiven) o.reps = 3;
  return { opts: o };
}

class UsageError extends Error {}

function parseSize(s: string): Size {
  if (s === "quick" || s === "full") return s;
  if (/^[0-9][0-9_]*$/.test(s)) return Number(s.replace(/_/g, ""));
  throw new UsageError(`--size must be quick, full or a positive integer, not '${s}'`);
}

function positiveInt(flag: string, s: string, min = 1): number {
  if (!/^[0-9]+$/.test(s) || Number(s) < min) throw new UsageError(`${flag} needs an integer ≥ ${min}, not '${s}'`);
  return Number(s);
}

function parseColumns(s: string): Column[] {
  const cols = s.split(",").map((c) => c.trim()).filter(Boolean);
  for (const c of cols) {
    if (!(ALL_COLUMNS as readonly string[]).includes(c)) throw new UsageError(`unknown column '${c}' (choose from ${ALL_COLUMNS.join(", ")})`);
  }
  // the baseline is always measured: every other number is a ratio to it
  return ALL_COLUMNS.filter((c) => c === "cpython" || cols.includes(c));
}
