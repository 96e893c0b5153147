#!/usr/bin/env bash
# Run the pydecorators pytest suite on every CPython 3.11-3.13 on this machine:
# `python3` plus pyenv's 3.11*/3.12*/3.13* builds.  Interpreters without
# pytest/hypothesis get them installed (once) into .pyenvs/<version> from the
# machine's preconfigured local pip index (hypothesis only where the index
# has a wheel for that interpreter).  Prints one summary line per
# version; prints the full pytest output only on failure; exits non-zero if
# any version fails.
set -u
repo="$(cd "$(dirname "$0")/.." && pwd)"

candidates=(python3)
if command -v pyenv >/dev/null 2>&1; then
  root="$(pyenv root)"
  for p in "$root"/versions/3.1[123]*/bin/python3; do
    [ -x "$p" ] && candidates+=("$p")
  done
fi

declare -A seen=()
status=0
ran=0
for py in "${candidates[@]}"; do
  ver="$("$py" -c 'import sys; v = sys.version_info
print("%d.%d.%d" % v[:3] if (3, 11) <= v[:2] <= (3, 13) else "")' 2>/dev/null)" || continue
  [ -n "$ver" ] || continue
  [ -z "${seen[$ver]:-}" ] || continue   # the python3 shim is usually one of pyenv's
  seen[$ver]=1

  pypath="$repo/pydecorators"
  deps="$repo/.pyenvs/$ver"
  note=""
  have() { PYTHONPATH="$deps" "$py" -c "import $1" >/dev/null 2>&1; }
  if ! have pytest; then
    mkdir -p "$deps"
    if ! log="$("$py" -m pip install -q --retries 0 --disable-pip-version-check --target "$deps" pytest 2>&1)"; then
      echo "python $ver: FAILED to install pytest into $deps"
      echo "$log"
      status=1
      continue
    fi
  fi
  # hypothesis is best effort: the local index only has a cp311-specific
  # wheel.  Without it the properties run through tests/_props.py's seeded
  # fallback.  A marker file keeps reruns from asking the index again.
  if ! have hypothesis && [ ! -e "$deps/.no-hypothesis" ]; then
    mkdir -p "$deps"
    "$py" -m pip install -q --retries 0 --disable-pip-version-check --target "$deps" hypothesis \
      >/dev/null 2>&1 || touch "$deps/.no-hypothesis"
  fi
  have hypothesis || note=" (hypothesis not installable here: seeded fallback properties)"
  [ -d "$deps" ] && pypath="$pypath:$deps"

  out="$(cd "$repo/pydecorators" && PYTHONPATH="$pypath" PYTHONDONTWRITEBYTECODE=1 \
         "$py" -m pytest -q -p no:cacheprovider tests 2>&1)"
  rc=$?
  ran=$((ran + 1))
  summary="$(printf '%s\n' "$out" | grep -E '(passed|failed|error|no tests ran)' | tail -n 1)"
  echo "python $ver: ${summary:-pytest exited with $rc}$note"
  if [ "$rc" -ne 0 ]; then
    printf '%s\n' "$out"
    status=1
  fi
done

if [ "$ran" -eq 0 ]; then
  echo "no CPython 3.11-3.13 found"
  exit 1
fi
exit "$status"
