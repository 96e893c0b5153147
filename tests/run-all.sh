#!/usr/bin/env bash
# The whole test suite (the README's test command and CI's `.ci/run` end here):
#   1. typecheck the TypeScript (tsc, strict);
#   2. node:test — unit, golden, C runtime, differential (every CPython 3.11-3.13 found,
#      checked-only and --all, guards normal and forced to fail) and stdlib runs;
#   3. pytest — the spyc contract package on every CPython 3.11-3.13 found.
# Exits non-zero when any part fails; every part runs even if an earlier one failed.
set -u
cd "$(dirname "$0")/.."
status=0
step() { printf '\n== %s\n' "$1"; }

step "typecheck (tsc)"
npx tsc -p tsconfig.json || status=1

step "node:test"
node --import tsx --test --test-reporter=spec tests/unit/*.test.ts || status=1

step "pytest (pydecorators, every CPython 3.11-3.13 found)"
bash tests/run-pytest.sh || status=1

if [ "$status" -ne 0 ]; then echo; echo "FAILED: see above"; else echo; echo "all test suites passed"; fi
exit "$status"
