#!/usr/bin/env bash
# `npm run bench:peers`: install the optional peer compilers that `spyc bench` compares against.
#   - Cython and mypy (for mypyc) into a venv at .cache/peers/venv, from the machine's
#     preconfigured pip index (pip.conf), built on the same CPython the benchmarks run on
#     (PYTHON, default python3), so the peers' extensions import into the same process;
#   - PyPy from apt (pypy3), only when running as root.
# Never run by `npm ci` or `npm test`: a machine without peers just shows them as "missing".
# Each step is independent: one that fails is reported and the others still run.
set -u
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VENV=.cache/peers/venv
status=0

echo "== venv for Cython and mypyc: $VENV (from $PYTHON)"
if [ ! -x "$VENV/bin/python" ]; then
  mkdir -p .cache/peers && "$PYTHON" -m venv "$VENV" || status=1
fi
if [ -x "$VENV/bin/python" ]; then
  # setuptools and wheel: both peers build their extensions through setuptools
  "$VENV/bin/python" -m pip install --quiet --retries 0 cython mypy setuptools wheel || status=1
  "$VENV/bin/python" -c "import Cython, mypy.version; print('cython', Cython.__version__, '| mypy', mypy.version.__version__)" || status=1
fi

echo "== PyPy (apt: pypy3)"
if command -v pypy3 >/dev/null 2>&1; then
  echo "already installed: $(command -v pypy3)"
elif [ "$(id -u)" = "0" ]; then
  (apt-get install -y pypy3 >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y pypy3 >/dev/null 2>&1; }) \
    && echo "installed: $(command -v pypy3)" || { echo "apt-get install pypy3 failed"; status=1; }
else
  echo "skipped: installing pypy3 needs root (try: sudo apt-get install pypy3)"
fi
exit "$status"
