"""PEP 517 build backend: setuptools, plus the modules of ``[tool.spyc]`` compiled by spyc.

In the project's ``pyproject.toml``::

    [build-system]
    requires = ["setuptools>=61", "wheel", "spyc"]
    build-backend = "spyc.build_backend"

    [tool.spyc]
    modules = ["pkg/mod.py", "pkg/sub/other.py"]

``pip wheel .`` / ``python -m build`` then produce a platform wheel
(``cpXY-cpXY-<platform>``) in which every listed module has its compiled
extension next to its ``.py`` (the import system prefers the extension).
The compiler is ``$SPYC_CLI`` or ``spyc`` on PATH; it needs Node >= 20, a C
compiler and the target interpreter's headers, and the build stops with one
clear message when one of them is missing.  sdists, metadata and editable
installs are setuptools' own (an editable install runs the sources).
"""
import base64
import csv
import hashlib
import io
import os
import pathlib
import sys
import sysconfig
import tempfile
import zipfile

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (  # noqa: F401  (re-exported hooks)
    build_sdist,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_wheel,
)

from ._project import SpycBuildError, build, check_toolchain, compiler_command, load_project

try:  # PEP 660, setuptools >= 64
    from setuptools.build_meta import build_editable, get_requires_for_build_editable  # noqa: F401
    from setuptools.build_meta import prepare_metadata_for_build_editable  # noqa: F401
except ImportError:  # pragma: no cover
    pass


def _tag():
    impl = "cp%d%d" % sys.version_info[:2]
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{impl}-{impl}-{plat}"


def _record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def _retag(pure_wheel, extensions, wheel_directory):
    """Rewrite the pure wheel setuptools made into a platform wheel holding ``extensions``
    (``{archive path: file}``). Returns the new wheel's file name."""
    name = os.path.basename(pure_wheel)
    dist, version = name.split("-")[:2]
    tag = _tag()
    new_name = f"{dist}-{version}-{tag}.whl"
    dist_info = f"{dist}-{version}.dist-info"
    records = []
    out_path = os.path.join(wheel_directory, new_name)
    tmp_path = out_path + ".part"
    with zipfile.ZipFile(pure_wheel) as zin, zipfile.ZipFile(tmp_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == f"{dist_info}/RECORD":
                continue
            data = zin.read(info)
            if info.filename == f"{dist_info}/WHEEL":
                lines = []
                for line in data.decode("utf-8").splitlines():
                    if line.startswith("Root-Is-Purelib:"):
                        line = "Root-Is-Purelib: false"
                    elif line.startswith("Tag:"):
                        continue
                    lines.append(line)
                lines.insert(next((i + 1 for i, ln in enumerate(lines) if ln.startswith("Root-Is-Purelib:")),
                                  len(lines)), f"Tag: {tag}")
                data = ("\n".join(lines) + "\n").encode("utf-8")
            if info.filename in extensions:
                raise SpycBuildError(f"spyc: {info.filename} is both in the wheel and built by spyc")
            zout.writestr(info, data)
            records.append((info.filename, _record_hash(data), str(len(data))))
        for arc, path in sorted(extensions.items()):
            data = pathlib.Path(path).read_bytes()
            zi = zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0))
            zi.external_attr = 0o755 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
            records.append((arc, _record_hash(data), str(len(data))))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerows(records)
        w.writerow((f"{dist_info}/RECORD", "", ""))
        zout.writestr(f"{dist_info}/RECORD", buf.getvalue())
    os.replace(tmp_path, out_path)
    return new_name


def _project():
    try:
        return load_project("pyproject.toml") if os.path.exists("pyproject.toml") else None
    except SpycBuildError as e:
        raise SystemExit(f"spyc.build_backend: {e}") from None


def get_requires_for_build_wheel(config_settings=None):
    # pip's first call: fail here, before any other work, when the modules cannot be compiled
    project = _project()
    if project is not None and project.modules:
        try:
            compiler_command()
            check_toolchain(sys.executable)
        except SpycBuildError as e:
            raise SystemExit(f"spyc.build_backend: {e}") from None
    return _setuptools.get_requires_for_build_wheel(config_settings)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    if project is None or not project.modules:
        return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)
    with tempfile.TemporaryDirectory(prefix="spyc-wheel-") as tmp:
        out = pathlib.Path(tmp, "ext")
        try:
            built = build(project, out, python=sys.executable, copy_sources=False)
        except SpycBuildError as e:
            # one clear line for pip's output, the details after it
            raise SystemExit(f"spyc.build_backend: {e}") from None
        pure_dir = pathlib.Path(tmp, "pure")
        pure_dir.mkdir()
        pure = _setuptools.build_wheel(str(pure_dir), config_settings, metadata_directory)
        extensions = {p.relative_to(out).as_posix(): str(p) for p in built}
        return _retag(str(pure_dir / pure), extensions, wheel_directory)
