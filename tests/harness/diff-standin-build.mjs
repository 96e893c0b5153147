#!/usr/bin/env node
// Stand-in for `spyc build` used while the real CLI does not exist (and by the harness
// self-test): accepts the same arguments and "builds" FILE.py into OUTDIR/FILE.py by copying,
// so interpreted == "compiled" and only the harness plumbing is exercised.
import { copyFileSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";

const argv = process.argv.slice(2);
if (argv[0] !== "build") {
  process.stderr.write("stand-in: only `build` is supported\n");
  process.exit(2);
}
const files = [];
let out;
for (let i = 1; i < argv.length; i++) {
  const a = argv[i];
  if (a === "-o") out = argv[++i];
  else if (a === "--python") i++;
  else if (a.startsWith("-")) continue;
  else files.push(a);
}
if (!out || files.length === 0) {
  process.stderr.write("stand-in: usage: build FILE.py... -o OUTDIR\n");
  process.exit(1);
}
mkdirSync(out, { recursive: true });
for (const f of files) {
  copyFileSync(f, join(out, basename(f)));
  if (!argv.includes("--quiet")) process.stdout.write(`${basename(f, ".py")}: 0 compiled, copied (stand-in)\n`);
}
