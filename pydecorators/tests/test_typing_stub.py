"""The .pyi stub under a real type checker: mypy accepts @frozen construction
(the stub's dataclass_transform) and rejects field assignment, wrong arity and
wrong field types, exactly on the lines marked ``# E:`` in the example.

mypy is installed (once) from the machine's local pip index into
``.pyenvs/mypy-<version>`` of the checkout; the index only carries mypy wheels
for some interpreters, so elsewhere the test is skipped with the reason.
"""
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
