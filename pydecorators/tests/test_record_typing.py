"""The .pyi stub's ``record`` under mypy: a dataclass_transform with mutable fields -- construction
and typed stores accepted, wrong arity and wrong-typed stores rejected on the marked lines."""
import os
import re
import subprocess
import sys

import pytest

from test_typing_stub import PKG_ROOT, _mypy_env

OK = '''\
from spyc import checked, record


@record
class Body:
    x: float
    vx: float
    mass: float = 1.0

    @checked
    def kick(self, dv: float) -> None:
        self.vx += dv


b = Body(1.0, 2.0)
b.x = 3.0
b.vx -= 1
b.kick(0.5)
print(b == Body(1, 2), Body(1.0, 2.0, mass=3.0).mass)
'''

BAD = '''\
from spyc import record


@record
class Body:
    x: float
    vx: float


b = Body(1.0)  # E: missing vx
b.x = "s"  # E: wrong type
Body(1.0, 2.0, 3.0)  # E: too many
b.x = 2.5
'''


@pytest.fixture(scope="module")
def mypy_env():
    return _mypy_env()


def _mypy(env, path, *flags):
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull,
                        "--no-error-summary", "--show-error-codes", *flags, str(path)],
                       cwd=PKG_ROOT, env=env, capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def test_record_use_accepted(mypy_env, tmp_path):
    p = tmp_path / "record_ok.py"
    p.write_text(OK)
    rc, out = _mypy(mypy_env, p, "--strict")
    assert rc == 0 and "error" not in out, out


def test_record_misuse_rejected_on_marked_lines(mypy_env, tmp_path):
    p = tmp_path / "record_bad.py"
    p.write_text(BAD)
    want = {i for i, line in enumerate(BAD.splitlines(), 1) if "# E:" in line}
    rc, out = _mypy(mypy_env, p)
    assert rc == 1, out
    got = {int(m.group(1)) for m in re.finditer(r"record_bad\.py:(\d+): error:", out)}
    assert got == want, out
