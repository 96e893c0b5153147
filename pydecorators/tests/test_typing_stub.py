"""The .pyi stub under real type checkers: mypy and pyright accept @frozen
construction (the stub's dataclass_transform) and reject field assignment, wrong
arity and wrong field types, exactly on the lines marked ``# E:`` in the example.

mypy is installed (once) from the machine's local pip index into
``.pyenvs/mypy-<version>`` of the checkout; the index only carries mypy wheels
for some interpreters, so elsewhere the test is skipped with the reason.
pyright's Python wrapper (``.pyenvs/pyright``, from the same index) fetches the
pyright Node package from the npm registry on first use into
``.cache/pyright``; without it the pyright test is skipped with the reason.
"""
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
PKG_ROOT = HERE.parent                     # pydecorators/ (holds the spyc package)
REPO = PKG_ROOT.parent
EXAMPLES = HERE / "typing_examples"


def _mypy_env():
    ver = "%d.%d.%d" % sys.version_info[:3]
    target = REPO / ".pyenvs" / f"mypy-{ver}"
    env = dict(os.environ, PYTHONPATH=str(target))
    probe = subprocess.run([sys.executable, "-c", "import mypy.api"], env=env, capture_output=True)
    if probe.returncode != 0:
        target.mkdir(parents=True, exist_ok=True)
        marker = target / ".no-mypy"
        if marker.exists():
            pytest.skip(f"mypy is not installable for Python {ver} from the local index (see {marker})")
        r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--retries", "0",
                            "--disable-pip-version-check", "--target", str(target), "mypy"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            marker.write_text(r.stdout + r.stderr)
            pytest.skip(f"mypy is not installable for Python {ver} from the local index: "
                        + (r.stderr.strip().splitlines() or ["?"])[-1])
    return env


def _mypy(env, path, *flags):
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull,
                        "--no-error-summary", "--show-error-codes", *flags, str(path.relative_to(PKG_ROOT))],
                       cwd=PKG_ROOT, env=env, capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


@pytest.fixture(scope="module")
def mypy_env():
    return _mypy_env()


def test_frozen_construction_accepted(mypy_env):
    rc, out = _mypy(mypy_env, EXAMPLES / "frozen_ok.py", "--strict")
    assert rc == 0, out
    assert "error" not in out, out


def test_frozen_misuse_rejected_on_marked_lines(mypy_env):
    path = EXAMPLES / "frozen_bad.py"
    want = {i for i, line in enumerate(path.read_text().splitlines(), 1) if "# E:" in line}
    assert len(want) == 4
    rc, out = _mypy(mypy_env, path)
    assert rc == 1, out
    got = {int(m.group(1)) for m in re.finditer(r"frozen_bad\.py:(\d+): error:", out)}
    assert got == want, out
    # the assignment is rejected because the field is read-only, not for another reason
    assert re.search(r'frozen_bad\.py:13: error: .*"qty".*read-only', out), out


def _pyright_env():
    target = REPO / ".pyenvs" / "pyright"
    env = dict(os.environ, PYTHONPATH=str(target), PYRIGHT_PYTHON_CACHE_DIR=str(REPO / ".cache" / "pyright"))
    if subprocess.run([sys.executable, "-c", "import pyright"], env=env, capture_output=True).returncode != 0:
        target.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--retries", "0",
                            "--disable-pip-version-check", "--target", str(target), "pyright"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip("pyright is not installable from the local index: "
                        + (r.stderr.strip().splitlines() or ["?"])[-1])
    return env


def _pyright(env, *paths):
    r = subprocess.run([sys.executable, "-m", "pyright", "--outputjson", *(str(p.relative_to(PKG_ROOT)) for p in paths)],
                       cwd=PKG_ROOT, env=env, capture_output=True, text=True, timeout=600)
    try:
        out = json.loads(r.stdout)
    except ValueError:
        pytest.skip("pyright did not run (its Node package comes from the npm registry): "
                    + (r.stdout + r.stderr).strip()[-300:])
    return r.returncode, out


@pytest.mark.skipif(sys.version_info[:2] != (3, 11),
                    reason="pyright reads the stub, not the interpreter: checked once, under 3.11")
def test_pyright_accepts_and_rejects():
    env = _pyright_env()
    ok, bad = EXAMPLES / "frozen_ok.py", EXAMPLES / "frozen_bad.py"
    want = {i for i, line in enumerate(bad.read_text().splitlines(), 1) if "# E:" in line}
    rc, out = _pyright(env, ok, bad)
    errors = [d for d in out["generalDiagnostics"] if d["severity"] == "error"]
    assert rc == 1, out
    assert not [d for d in errors if d["file"].endswith("frozen_ok.py")], errors
    bad_errors = [d for d in errors if d["file"].endswith("frozen_bad.py")]
    assert {d["range"]["start"]["line"] + 1 for d in bad_errors} == want, errors
    assert any("read-only" in d["message"] and d["range"]["start"]["line"] + 1 == 13 for d in bad_errors), errors
